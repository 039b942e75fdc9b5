const express = require('express');
const multer = require('multer');
const fs = require('fs');
const path = require('path');

const app = express();
const upload = multer({ dest: '/tmp/incoming' });
const LIBRARY = '/srv/library/pdfs';

app.post('/library', upload.single('document'), (req, res) => {
  const destination = path.join(LIBRARY, path.basename(req.file.originalname));
  fs.renameSync(req.file.path, destination);
  res.status(201).json({ stored: req.file.originalname });
});

app.listen(3000);
