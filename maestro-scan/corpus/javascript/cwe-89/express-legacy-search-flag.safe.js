const express = require('express');
const { Pool } = require('pg');

const pool = new Pool();
const app = express();
const useLegacySearch = false;

app.get('/authors', async (req, res) => {
  const name = String(req.query.name || '');
  let result;
  if (useLegacySearch) {
    result = await pool.query("SELECT id, name FROM authors WHERE name LIKE '" + name + "%'");
  } else {
    result = await pool.query('SELECT id, name FROM authors WHERE name LIKE $1', [name + '%']);
  }
  res.json(result.rows);
});

app.listen(3000);
