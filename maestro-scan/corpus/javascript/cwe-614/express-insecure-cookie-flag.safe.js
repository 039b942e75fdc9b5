const express = require('express');
const crypto = require('crypto');

const app = express();
const ALLOW_PLAIN_HTTP = false;

app.post('/device/pair', (req, res) => {
  const deviceToken = crypto.randomBytes(32).toString('hex');
  res.cookie('device_token', deviceToken, {
    httpOnly: true,
    secure: !ALLOW_PLAIN_HTTP,
    maxAge: 365 * 86400000,
  });
  res.status(201).json({ paired: true });
});

app.listen(3000);
