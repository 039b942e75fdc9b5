const express = require('express');
const fs = require('fs');
const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');

const app = express();
const inventory = new DOMParser().parseFromString(fs.readFileSync('inventory.xml', 'utf8'), 'text/xml');

function itemsInCategory(category) {
  return xpath.parse('/inventory/item[category=$category]').select({ node: inventory, variables: { category } });
}

app.get('/inventory', (req, res) => {
  const items = itemsInCategory(req.query.category || 'general');
  res.json(items.map((n) => n.getAttribute('id')));
});

app.listen(3000);
