const express = require('express');
const fs = require('fs');
const path = require('path');

const app = express();
const REPORTS = path.resolve('/var/reports');

function reportPath(name) {
  return path.join(REPORTS, name);
}

app.get('/reports/view', (req, res) => {
  const stream = fs.createReadStream(reportPath(req.query.name));
  stream.on('error', () => res.status(404).end());
  stream.pipe(res.type('text/csv'));
});

app.listen(3000);
