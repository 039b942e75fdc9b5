const express = require('express');
const multer = require('multer');
const libxmljs = require('libxmljs');

const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 200000 } });
const app = express();

app.post('/icons', upload.single('icon'), (req, res) => {
  const svg = req.file.buffer.toString('utf8');
  const doc = libxmljs.parseXml(svg, { noent: true });
  const root = doc.root();
  res.json({
    width: root.attr('width') ? root.attr('width').value() : null,
    height: root.attr('height') ? root.attr('height').value() : null,
  });
});

app.listen(3000);
