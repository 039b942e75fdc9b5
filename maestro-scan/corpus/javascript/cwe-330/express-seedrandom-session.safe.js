const express = require('express');
const crypto = require('crypto');

const app = express();

app.post('/sessions', (req, res) => {
  const sessionId = crypto.randomBytes(32).toString('base64url');
  res.cookie('sid', sessionId, { httpOnly: true, secure: true, sameSite: 'strict' });
  res.status(201).json({ created: true });
});

app.listen(3000);
