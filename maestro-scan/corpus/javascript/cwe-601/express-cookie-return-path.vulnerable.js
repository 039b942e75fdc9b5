const express = require('express');
const cookieParser = require('cookie-parser');

const app = express();
app.use(cookieParser());

const RETURN_PATHS = new Set(['/inbox', '/calendar', '/contacts', '/settings']);

app.get('/auth/complete', (req, res) => {
  const returnTo = req.cookies.return_to || '/inbox';
  res.clearCookie('return_to');
  res.redirect(returnTo);
});

app.listen(3000);
