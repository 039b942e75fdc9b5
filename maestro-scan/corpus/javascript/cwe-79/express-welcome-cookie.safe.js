const express = require('express');
const cookieParser = require('cookie-parser');
const validator = require('validator');

const app = express();
app.use(cookieParser());

app.get('/', (req, res) => {
  const displayName = req.cookies.displayName && validator.escape(req.cookies.displayName);
  if (displayName) {
    return res.send('<h1>Welcome back, ' + displayName + '</h1>');
  }
  res.send('<h1>Welcome</h1><a href="/login">Sign in</a>');
});

app.listen(3000);
