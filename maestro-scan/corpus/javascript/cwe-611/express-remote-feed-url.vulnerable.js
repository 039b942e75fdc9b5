const express = require('express');
const libxmljs = require('libxmljs2');

const app = express();

app.get('/feeds/titles', async (req, res) => {
  const response = await fetch(req.query.feed);
  const xml = await response.text();
  const doc = libxmljs.parseXml(xml, { noent: true });
  res.json(doc.find('//item/title').map((t) => t.text()).slice(0, 20));
});

app.listen(3000);
