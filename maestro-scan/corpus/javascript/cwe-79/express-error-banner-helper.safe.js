const express = require('express');
const escapeHtml = require('escape-html');

const app = express();

function errorBanner(message) {
  return `<div class="alert alert-danger">${escapeHtml(message)}</div>`;
}

app.get('/checkout', (req, res) => {
  const banner = req.query.error ? errorBanner(req.query.error) : '';
  res.send(`<html><body>${banner}<form method="post" action="/checkout"></form></body></html>`);
});

app.listen(3000);
