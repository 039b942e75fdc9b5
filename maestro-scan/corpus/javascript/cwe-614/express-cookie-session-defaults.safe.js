const express = require('express');
const cookieSession = require('cookie-session');

const app = express();

app.use(cookieSession({
  name: 'session',
  keys: [process.env.COOKIE_KEY_1, process.env.COOKIE_KEY_2],
  maxAge: 24 * 60 * 60 * 1000,
  secure: true,
  httpOnly: true,
  sameSite: 'lax',
}));

app.post('/login', express.json(), (req, res) => {
  req.session.userId = req.user.id;
  res.json({ ok: true });
});

app.listen(3000);
