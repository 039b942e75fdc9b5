const express = require('express');
const fs = require('fs');
const path = require('path');

const app = express();
const REPORTS = path.resolve('/var/reports');

function reportPath(name) {
  const full = path.resolve(REPORTS, name);
  if (path.dirname(full) !== REPORTS) {
    throw new Error('report outside of the reports directory');
  }
  return full;
}

app.get('/reports/view', (req, res) => {
  let file;
  try {
    file = reportPath(req.query.name);
  } catch (err) {
    return res.status(400).end();
  }
  const stream = fs.createReadStream(file);
  stream.on('error', () => res.status(404).end());
  stream.pipe(res.type('text/csv'));
});

app.listen(3000);
