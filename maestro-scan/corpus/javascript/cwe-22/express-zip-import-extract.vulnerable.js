const express = require('express');
const multer = require('multer');
const AdmZip = require('adm-zip');
const fs = require('fs');
const path = require('path');

const app = express();
const upload = multer({ dest: '/tmp/imports' });
const SITE_DIR = path.resolve('/srv/sites/current');

app.post('/sites/import', upload.single('bundle'), (req, res) => {
  const zip = new AdmZip(req.file.path);
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    const target = path.join(SITE_DIR, entry.entryName);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, entry.getData());
  }
  res.json({ imported: true });
});

app.listen(3000);
