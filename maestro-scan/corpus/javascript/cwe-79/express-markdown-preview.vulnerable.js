const express = require('express');
const { marked } = require('marked');

const app = express();
app.use(express.json());

app.post('/preview', (req, res) => {
  const rendered = marked.parse(req.body.markdown || '');
  res.type('html').send(`<div class="preview">${rendered}</div>`);
});

app.listen(3000);
