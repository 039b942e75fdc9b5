const express = require('express');
const session = require('express-session');
const cookieParser = require('cookie-parser');

const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF'];
const app = express();
app.use(cookieParser());
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: true }));

app.get('/pricing', (req, res) => {
  if (!req.session.currency && CURRENCIES.includes(req.cookies.currency)) {
    req.session.currency = req.cookies.currency;
  }
  res.json({ currency: req.session.currency || 'EUR' });
});

app.listen(3000);
