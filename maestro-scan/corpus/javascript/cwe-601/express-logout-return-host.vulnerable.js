const express = require('express');

const app = express();
app.use(express.urlencoded({ extended: false }));

const TRUSTED_HOSTS = new Set(['www.example.com', 'help.example.com', 'shop.example.com']);

app.post('/logout', (req, res) => {
  const returnTo = req.body.returnTo || 'https://www.example.com/';
  res.clearCookie('sid');
  res.redirect(returnTo);
});

app.listen(3000);
