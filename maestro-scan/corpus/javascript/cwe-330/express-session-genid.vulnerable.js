const express = require('express');
const session = require('express-session');
const crypto = require('crypto');

const app = express();

app.use(session({
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
  genid: () => `${Date.now()}-${Math.floor(Math.random() * 1e9)}`,
  cookie: { httpOnly: true, secure: true, sameSite: 'lax' },
}));

app.get('/', (req, res) => {
  req.session.views = (req.session.views || 0) + 1;
  res.json({ views: req.session.views });
});

app.listen(3000);
