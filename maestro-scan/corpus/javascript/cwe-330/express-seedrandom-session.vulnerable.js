const express = require('express');
const seedrandom = require('seedrandom');
const crypto = require('crypto');

const app = express();
const rng = seedrandom(String(Date.now()));

app.post('/sessions', (req, res) => {
  const sessionId = Math.floor(rng() * Number.MAX_SAFE_INTEGER).toString(36);
  res.cookie('sid', sessionId, { httpOnly: true, secure: true, sameSite: 'strict' });
  res.status(201).json({ created: true });
});

app.listen(3000);
