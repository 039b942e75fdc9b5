const express = require('express');
const path = require('path');

const app = express();
const ASSET_ROOT = path.join(__dirname, 'assets');

app.get('/assets/*', (req, res) => {
  const requested = req.params[0];
  res.sendFile(requested, { root: ASSET_ROOT }, (err) => {
    if (err) res.status(err.status || 404).end();
  });
});

app.listen(3000);
