const express = require('express');
const libxmljs = require('libxmljs');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/sso/acs', (req, res) => {
  const xml = Buffer.from(req.body.SAMLResponse, 'base64').toString('utf8');
  const doc = libxmljs.parseXml(xml, { noent: true });
  const nameId = doc.get('//*[local-name()="NameID"]');
  if (!nameId) return res.status(400).send('missing NameID');
  res.json({ subject: nameId.text() });
});

app.listen(3000);
