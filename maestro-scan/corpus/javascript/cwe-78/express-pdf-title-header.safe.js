const express = require('express');
const { execFile } = require('child_process');

const app = express();

app.get('/reports/:id.pdf', (req, res) => {
  const title = req.get('X-Document-Title') || 'Report';
  const url = `http://localhost:3000/reports/${encodeURIComponent(req.params.id)}`;
  const out = `/tmp/report-${Date.now()}.pdf`;
  execFile('wkhtmltopdf', ['--title', title, url, out], (err) => {
    if (err) return res.sendStatus(500);
    res.download(out);
  });
});

app.listen(3000);
