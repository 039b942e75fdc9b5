const express = require('express');
const { marked } = require('marked');
const DOMPurify = require('isomorphic-dompurify');

const app = express();
app.use(express.json());

app.post('/preview', (req, res) => {
  const rendered = DOMPurify.sanitize(marked.parse(req.body.markdown || ''));
  res.type('html').send(`<div class="preview">${rendered}</div>`);
});

app.listen(3000);
