const express = require('express');
const cookieParser = require('cookie-parser');
const mysql = require('mysql');

const db = mysql.createPool({ host: 'db', user: 'web', database: 'store' });
const app = express();
app.use(cookieParser());

app.get('/recently-viewed', (req, res) => {
  const lastProduct = req.cookies.last_product;
  if (!lastProduct) return res.json([]);
  const sql = 'SELECT id, name FROM products WHERE category = ' +
    '(SELECT category FROM products WHERE id = ' + lastProduct + ') LIMIT 6';
  db.query(sql, (err, rows) => {
    if (err) return res.sendStatus(500);
    res.json(rows);
  });
});

app.listen(3000);
