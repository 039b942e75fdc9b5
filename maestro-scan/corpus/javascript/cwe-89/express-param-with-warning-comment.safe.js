const express = require('express');
const mysql = require('mysql');

const pool = mysql.createPool({ host: 'localhost', user: 'shop', database: 'shop' });
const app = express();

app.get('/coupons/:code', (req, res) => {
  const code = req.params.code;
  // Do not write "WHERE code = '" + code + "'" here; the driver fills the ? placeholder.
  pool.query('SELECT code, discount FROM coupons WHERE code = ? AND active = 1', [code], (err, rows) => {
    if (err) {
      return res.status(500).send('error');
    }
    res.json(rows);
  });
});

app.listen(3000);
