const express = require('express');
const multer = require('multer');
const libxmljs = require('libxmljs');

const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 200000 } });
const app = express();

app.post('/icons', upload.single('icon'), (req, res) => {
  const svg = req.file.buffer.toString('utf8');
  if (/<!DOCTYPE/i.test(svg)) {
    return res.status(400).json({ error: 'DOCTYPE is not allowed in icons' });
  }
  const doc = libxmljs.parseXml(svg);
  const root = doc.root();
  res.json({
    width: root.attr('width') ? root.attr('width').value() : null,
    height: root.attr('height') ? root.attr('height').value() : null,
  });
});

app.listen(3000);
