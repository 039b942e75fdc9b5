const express = require('express');

const app = express();

function redirectTarget(candidate) {
  if (!candidate) return '/home';
  const url = new URL(candidate, 'https://www.example.com');
  return url.host === 'www.example.com' ? url.pathname + url.search : '/home';
}

app.get('/switch-language', (req, res) => {
  res.cookie('lang', req.query.lang === 'de' ? 'de' : 'en', { httpOnly: true, secure: true });
  res.redirect(redirectTarget(req.query.back));
});

app.listen(3000);
