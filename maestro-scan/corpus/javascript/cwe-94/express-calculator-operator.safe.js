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
  if (!Object.prototype.hasOwnProperty.call(OPERATIONS, op)) {
    return res.status(400).json({ error: 'unsupported operation' });
  }
  const result = OPERATIONS[op](Number(a), Number(b));
  res.json({ result });
});

app.listen(3000);
