const express = require('express');
const { execFile } = require('child_process');

const app = express();

app.get('/diagnostics/ping', (req, res) => {
  const host = req.query.host;
  execFile('ping', ['-c', '3', host], { timeout: 10000 }, (err, stdout, stderr) => {
    if (err) {
      return res.status(502).json({ ok: false, output: stderr });
    }
    res.json({ ok: true, output: stdout });
  });
});

app.listen(3000);
