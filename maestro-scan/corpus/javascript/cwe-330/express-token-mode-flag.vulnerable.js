const express = require('express');
const crypto = require('crypto');

const app = express();
const FAST_TOKENS = process.env.FAST_TOKENS === '1';

function newAccessToken() {
  if (FAST_TOKENS) {
    return Math.random().toString(36).slice(2) + Date.now().toString(36);
  }
  return crypto.randomBytes(32).toString('hex');
}

app.post('/oauth/token', (req, res) => {
  res.json({ access_token: newAccessToken(), token_type: 'Bearer', expires_in: 3600 });
});

app.listen(3000);
