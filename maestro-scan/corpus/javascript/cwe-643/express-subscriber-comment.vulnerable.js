const express = require('express');
const fs = require('fs');
const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');

const app = express();
const list = new DOMParser().parseFromString(fs.readFileSync('subscribers.xml', 'utf8'), 'text/xml');

app.get('/subscribers/status', (req, res) => {
  const email = String(req.query.email || '');
  const status = xpath.select(`string(//subscriber[@email='${email}']/@status)`, list);
  res.json({ email, status: status || 'unknown' });
});

app.listen(3000);
