const express = require('express');
const cookieParser = require('cookie-parser');
const crypto = require('crypto');
const { saveRememberToken } = require('./auth');

const app = express();
app.use(cookieParser(process.env.COOKIE_SECRET));

app.post('/login/remember', async (req, res) => {
  const token = crypto.randomBytes(32).toString('hex');
  await saveRememberToken(req.user.id, token);
  res.cookie('remember_me', token, { signed: true, maxAge: 30 * 86400000, httpOnly: true, secure: true });
  res.json({ remembered: true });
});

app.listen(3000);
