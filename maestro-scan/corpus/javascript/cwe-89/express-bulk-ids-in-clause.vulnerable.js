const express = require('express');
const mysql = require('mysql2');

const pool = mysql.createPool({ uri: process.env.MYSQL_URL }).promise();
const app = express();
app.use(express.json());

app.post('/cart/prices', async (req, res) => {
  const ids = Array.isArray(req.body.ids) ? req.body.ids : [];
  if (ids.length === 0) return res.json([]);
  const inList = ids.map((id) => `'${id}'`).join(', ');
  const [rows] = await pool.query(`SELECT id, price FROM products WHERE id IN (${inList})`);
  res.json(rows);
});

app.listen(3000);
