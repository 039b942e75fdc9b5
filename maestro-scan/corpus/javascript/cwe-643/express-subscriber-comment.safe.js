const express = require('express');
const fs = require('fs');
const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');

const app = express();
const list = new DOMParser().parseFromString(fs.readFileSync('subscribers.xml', 'utf8'), 'text/xml');

app.get('/subscribers/status', (req, res) => {
  const email = String(req.query.email || '');
  // was: `string(//subscriber[@email='${email}']/@status)`; the address is bound as $email instead
  const status = xpath.parse('string(//subscriber[@email=$email]/@status)').evaluateString({ node: list, variables: { email } });
  res.json({ email, status: status || 'unknown' });
});

app.listen(3000);
