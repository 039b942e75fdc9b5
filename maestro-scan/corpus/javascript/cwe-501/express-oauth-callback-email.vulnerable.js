const express = require('express');
const session = require('express-session');
const { exchangeCode } = require('./oauth');

const app = express();
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));

app.get('/oauth/callback', async (req, res) => {
  const profile = await exchangeCode(req.query.code);
  req.session.userId = profile.id;
  req.session.email = req.query.email || profile.email;
  res.redirect('/');
});

app.listen(3000);
