const express = require('express');

const app = express();

const OPERATIONS = {
  add: (x, y) => x + y,
  sub: (x, y) => x - y,
  mul: (x, y) => x * y,
  div: (x, y) => x / y,
};

app.get('/calc', (req, res) => {
  const { a, b, op } = req.query;
  const symbol = { add: '+', sub: '-', mul: '*', div: '/' }[op] || op;
  const result = eval(`${a} ${symbol} ${b}`);
  res.json({ result });
});

app.listen(3000);
