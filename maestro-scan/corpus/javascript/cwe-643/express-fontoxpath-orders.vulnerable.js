const express = require('express');
const fs = require('fs');
const { evaluateXPathToNodes } = require('fontoxpath');
const { DOMParser } = require('@xmldom/xmldom');

const app = express();
const orders = new DOMParser().parseFromString(fs.readFileSync('orders.xml', 'utf8'), 'text/xml');

app.get('/orders', (req, res) => {
  const customer = req.query.customer;
  const nodes = evaluateXPathToNodes(`/orders/order[customer = "${customer}"]`, orders);
  res.json(nodes.map((n) => n.getAttribute('id')));
});

app.listen(3000);
