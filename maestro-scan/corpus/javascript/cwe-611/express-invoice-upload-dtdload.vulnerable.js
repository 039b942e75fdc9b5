const express = require('express');
const multer = require('multer');
const fs = require('fs');
const libxmljs = require('libxmljs2');

const upload = multer({ dest: '/tmp/invoices' });
const app = express();

app.post('/invoices/import', upload.single('invoice'), (req, res) => {
  const xml = fs.readFileSync(req.file.path, 'utf8');
  const doc = libxmljs.parseXmlString(xml, { noent: true, dtdload: true });
  const total = doc.get('/Invoice/Total');
  res.json({ total: total ? Number(total.text()) : null });
});

app.listen(3000);
