const express = require('express');
const escapeHtml = require('escape-html');
const { searchArticles } = require('./search');

const app = express();

app.get('/search', async (req, res) => {
  const q = req.query.q || '';
  const results = await searchArticles(q);
  const items = results.map((r) => `<li><a href="/articles/${r.id}">${r.id}</a></li>`).join('');
  res.send(`<!doctype html>
<h1>Results for ${escapeHtml(q)}</h1>
<ul>${items}</ul>`);
});

app.listen(3000);
