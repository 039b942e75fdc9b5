const express = require('express');

const app = express();
app.use(express.urlencoded({ extended: false }));

const TRUSTED_HOSTS = new Set(['www.example.com', 'help.example.com', 'shop.example.com']);

app.post('/logout', (req, res) => {
  let returnTo = req.body.returnTo || 'https://www.example.com/';
  try {
    const parsed = new URL(returnTo);
    if (parsed.protocol !== 'https:' || !TRUSTED_HOSTS.has(parsed.hostname)) {
      returnTo = 'https://www.example.com/';
    }
  } catch (err) {
    returnTo = 'https://www.example.com/';
  }
  res.clearCookie('sid');
  res.redirect(returnTo);
});

app.listen(3000);
