const express = require('express');
const { Pool } = require('pg');

const pool = new Pool();
const app = express();

app.get('/listings', async (req, res) => {
  let sql = 'SELECT id, title, city, rent FROM listings WHERE active = true';
  const params = [];
  if (req.query.city) {
    sql += " AND city = '" + req.query.city + "'";
  }
  if (req.query.maxRent) {
    params.push(Number(req.query.maxRent));
    sql += ` AND rent <= $${params.length}`;
  }
  const { rows } = await pool.query(sql, params);
  res.json(rows);
});

app.listen(3000);
