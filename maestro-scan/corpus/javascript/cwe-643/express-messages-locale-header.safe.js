const express = require('express');
const fs = require('fs');
const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');

const app = express();
const bundle = new DOMParser().parseFromString(fs.readFileSync('messages.xml', 'utf8'), 'text/xml');
const LOCALES = new Set(['en', 'de', 'fr', 'it']);

app.get('/messages/:key', (req, res) => {
  const locale = LOCALES.has(req.get('X-Locale')) ? req.get('X-Locale') : 'en';
  const key = req.params.key.replace(/[^a-z0-9_.]/gi, '');
  const text = xpath.select(`string(/messages/message[@key='${key}'][@lang='${locale}'])`, bundle);
  res.json({ key, locale, text });
});

app.listen(3000);
