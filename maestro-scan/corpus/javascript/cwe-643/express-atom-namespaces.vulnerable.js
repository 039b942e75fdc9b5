const express = require('express');
const fs = require('fs');
const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');

const app = express();
const feed = new DOMParser().parseFromString(fs.readFileSync('atom.xml', 'utf8'), 'text/xml');
const select = xpath.useNamespaces({ atom: 'http://www.w3.org/2005/Atom' });

app.get('/entries/:entryId', (req, res) => {
  const entry = select(`//atom:entry[atom:id='${req.params.entryId}']`, feed, true);
  if (!entry) return res.status(404).end();
  res.json({ title: select('string(atom:title)', entry) });
});

app.listen(3000);
