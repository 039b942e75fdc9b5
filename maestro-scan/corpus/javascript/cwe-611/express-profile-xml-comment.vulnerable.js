const express = require('express');
const libxmljs = require('libxmljs');

const app = express();
app.use(express.text({ type: 'application/xml' }));

app.put('/profile', (req, res) => {
  const doc = libxmljs.parseXml(req.body, { noent: true, nonet: true });
  const displayName = doc.get('/profile/displayName');
  res.json({ displayName: displayName ? displayName.text() : null });
});

app.listen(3000);
