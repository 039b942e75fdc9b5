const express = require('express');
const crypto = require('crypto');

const app = express();
const VARIANTS = ['control', 'new-checkout'];

app.get('/checkout', (req, res) => {
  const variant = req.cookies && req.cookies.ab ? req.cookies.ab : VARIANTS[Math.floor(Math.random() * VARIANTS.length)];
  const csrfToken = crypto.randomBytes(24).toString('hex');
  res.cookie('ab', variant, { maxAge: 30 * 86400000, secure: true, httpOnly: true });
  res.cookie('csrf', csrfToken, { secure: true, httpOnly: true, sameSite: 'strict' });
  res.json({ variant, csrfToken });
});

app.listen(3000);
