const express = require('express');
const multer = require('multer');
const fs = require('fs');
const { XMLParser } = require('fast-xml-parser');

const upload = multer({ dest: '/tmp/invoices' });
const app = express();

app.post('/invoices/import', upload.single('invoice'), (req, res) => {
  const xml = fs.readFileSync(req.file.path, 'utf8');
  const doc = new XMLParser().parse(xml);
  const total = doc.Invoice && doc.Invoice.Total;
  res.json({ total: total !== undefined ? Number(total) : null });
});

app.listen(3000);
