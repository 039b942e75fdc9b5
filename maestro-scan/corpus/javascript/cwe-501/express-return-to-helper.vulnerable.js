const express = require('express');
const session = require('express-session');

const app = express();
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: true }));

function rememberReturnTo(req, target) {
  req.session.returnTo = target;
}

app.get('/login', (req, res) => {
  if (req.query.next) {
    rememberReturnTo(req, req.query.next);
  }
  res.sendFile('login.html', { root: __dirname });
});

app.listen(3000);
