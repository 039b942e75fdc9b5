const express = require('express');
const session = require('express-session');

const app = express();
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));

app.get('/sso/landing', (req, res) => {
  const username = req.socket.remoteAddress === process.env.AUTH_PROXY_ADDR ? req.get('X-Forwarded-User') : null;
  if (!username) return res.status(401).end();
  req.session.username = username;
  res.redirect('/');
});

app.listen(3000);
