const express = require('express');
const mysql = require('mysql2/promise');

const pool = mysql.createPool({ uri: process.env.MYSQL_URL });
const app = express();

const SORTABLE = new Set(['name', 'created_at', 'price']);

app.get('/catalog', async (req, res) => {
  const sort = req.query.sort;
  const direction = req.query.desc === '1' ? 'DESC' : 'ASC';
  const [rows] = await pool.query(
    `SELECT id, name, price, created_at FROM catalog ORDER BY ${sort} ${direction}`
  );
  res.json(rows);
});

app.listen(3000);
