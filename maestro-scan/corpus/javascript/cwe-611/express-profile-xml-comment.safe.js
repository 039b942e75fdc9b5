const express = require('express');
const libxmljs = require('libxmljs');

const app = express();
app.use(express.text({ type: 'application/xml' }));

app.put('/profile', (req, res) => {
  // noent: true would substitute external entities from the DOCTYPE, so it stays off
  const doc = libxmljs.parseXml(req.body, { nonet: true });
  const displayName = doc.get('/profile/displayName');
  res.json({ displayName: displayName ? displayName.text() : null });
});

app.listen(3000);
