const express = require('express');

const app = express();
const products = require('./products.json');

function compileFilter(category) {
  return new Function('item', `return item.category === '${category}';`);
}

app.get('/products', (req, res) => {
  const filter = compileFilter(req.query.category);
  res.json(products.filter(filter));
});

app.listen(3000);
