const express = require('express');
const session = require('express-session');

const app = express();
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));

app.get('/accounts/switch', (req, res) => {
  if (!req.session.userId) return res.redirect('/login');
  const accountId = req.query.account;
  req.session.activeAccountId = accountId;
  res.redirect('/home');
});

app.listen(3000);
