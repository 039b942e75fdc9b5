const express = require('express');
const { DOMParser } = require('@xmldom/xmldom');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/sso/acs', (req, res) => {
  const xml = Buffer.from(req.body.SAMLResponse, 'base64').toString('utf8');
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const nameId = doc.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'NameID')[0];
  if (!nameId) return res.status(400).send('missing NameID');
  res.json({ subject: nameId.textContent });
});

app.listen(3000);
