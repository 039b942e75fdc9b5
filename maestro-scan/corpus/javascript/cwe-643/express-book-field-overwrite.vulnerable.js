const express = require('express');
const fs = require('fs');
const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');

const app = express();
const books = new DOMParser().parseFromString(fs.readFileSync('books.xml', 'utf8'), 'text/xml');

app.get('/books/fields', (req, res) => {
  let field = req.query.field || 'title';
  const values = xpath.select(`/books/book/${field}/text()`, books).map((n) => n.nodeValue);
  res.json(values);
});

app.listen(3000);
