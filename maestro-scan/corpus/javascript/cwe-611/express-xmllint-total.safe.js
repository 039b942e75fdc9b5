const express = require('express');
const multer = require('multer');
const { execFile } = require('child_process');

const upload = multer({ dest: '/tmp/statements' });
const app = express();

app.post('/statements/total', upload.single('statement'), (req, res) => {
  execFile('xmllint', ['--nonet', '--xpath', 'string(/statement/total)', req.file.path], (err, stdout) => {
    if (err) return res.status(400).json({ error: 'not a valid statement' });
    res.json({ total: Number(stdout) });
  });
});

app.listen(3000);
