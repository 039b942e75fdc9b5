const express = require('express');
const libxmljs = require('libxmljs');

const RESOLVE_ENTITIES = process.env.XML_RESOLVE_ENTITIES !== 'false';
const app = express();
app.use(express.text({ type: 'application/xml' }));

app.post('/config/validate', (req, res) => {
  try {
    const doc = libxmljs.parseXml(req.body, { noent: RESOLVE_ENTITIES });
    res.json({ ok: true, root: doc.root().name() });
  } catch (err) {
    res.status(400).json({ ok: false, error: err.message });
  }
});

app.listen(3000);
