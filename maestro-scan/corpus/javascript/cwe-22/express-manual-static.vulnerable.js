const express = require('express');
const fs = require('fs');
const path = require('path');

const app = express();
const PUBLIC_DIR = path.join(__dirname, 'public');

app.use((req, res, next) => {
  const filePath = path.join(PUBLIC_DIR, decodeURIComponent(req.path));
  fs.stat(filePath, (err, stats) => {
    if (err || !stats.isFile()) return next();
    fs.createReadStream(filePath).pipe(res);
  });
});

app.listen(3000);
