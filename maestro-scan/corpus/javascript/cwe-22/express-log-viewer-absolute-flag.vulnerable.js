const express = require('express');
const fs = require('fs');
const path = require('path');

const app = express();
const LOG_DIR = '/var/log/myapp';
const ALLOW_ABSOLUTE_PATHS = process.env.LOG_VIEWER_ABSOLUTE === '1';

app.get('/logs', (req, res) => {
  const requested = String(req.query.file || 'app.log');
  let logFile = path.join(LOG_DIR, path.basename(requested));
  if (ALLOW_ABSOLUTE_PATHS && path.isAbsolute(requested)) {
    logFile = requested;
  }
  fs.readFile(logFile, 'utf8', (err, data) => res.type('text/plain').send(err ? '' : data));
});

app.listen(3000);
