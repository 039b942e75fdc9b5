const express = require('express');
const mysql = require('mysql');

const app = express();
const connection = mysql.createConnection({
  host: process.env.DB_HOST,
  user: 'app',
  database: 'accounts',
});

app.get('/users', (req, res) => {
  const id = req.query.id;
  connection.query('SELECT id, name, email FROM users WHERE id = ' + id, (err, rows) => {
    if (err) return res.status(500).json({ error: 'lookup failed' });
    res.json(rows[0] || null);
  });
});

app.listen(3000);
