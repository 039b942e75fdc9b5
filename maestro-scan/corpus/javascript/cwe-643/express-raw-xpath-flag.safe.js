const express = require('express');
const fs = require('fs');
const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');

const app = express();
const RAW_XPATH_QUERIES = false;
const doc = new DOMParser().parseFromString(fs.readFileSync('reports.xml', 'utf8'), 'text/xml');

app.get('/reports', (req, res) => {
  let expr = '/reports/report[@public="true"]/@name';
  if (RAW_XPATH_QUERIES && req.query.xpath) {
    expr = req.query.xpath;
  }
  res.json(xpath.select(expr, doc).map((n) => n.value || n.toString()));
});

app.listen(3000);
