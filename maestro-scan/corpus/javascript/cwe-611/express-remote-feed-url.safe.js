const express = require('express');
const xml2js = require('xml2js');

const app = express();

app.get('/feeds/titles', async (req, res) => {
  const response = await fetch(req.query.feed);
  const xml = await response.text();
  const doc = await xml2js.parseStringPromise(xml);
  res.json(doc.rss.channel[0].item.map((i) => i.title[0]).slice(0, 20));
});

app.listen(3000);
