const express = require('express');
const libxmljs = require('libxmljs');

const app = express();
app.use(express.text({ type: ['application/xml', 'text/xml'] }));

app.propfind('/dav/*', (req, res) => {
  const body = req.body && req.body.trim() ? req.body : '<propfind xmlns="DAV:"><allprop/></propfind>';
  const doc = libxmljs.parseXml(body, { noent: true, noblanks: true });
  const wanted = doc.find('//*[local-name()="prop"]/*').map((n) => n.name());
  res.status(207).json({ path: req.params[0], wanted });
});

app.listen(3000);
