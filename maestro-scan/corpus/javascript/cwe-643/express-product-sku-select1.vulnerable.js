const express = require('express');
const fs = require('fs');
const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');

const app = express();
const catalog = new DOMParser().parseFromString(fs.readFileSync('./catalog.xml', 'utf8'), 'text/xml');

app.get('/products/:sku', (req, res) => {
  const node = xpath.select1(`/catalog/product[@sku='${req.params.sku}']`, catalog);
  if (!node) return res.status(404).end();
  res.json({
    name: xpath.select1('string(name)', node),
    price: Number(xpath.select1('string(price)', node)),
  });
});

app.listen(3000);
