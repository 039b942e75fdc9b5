const express = require('express');
const { exec, execFile } = require('child_process');

const app = express();
const ALLOW_SHELL_PIPELINES = process.env.ALLOW_SHELL_PIPELINES === 'yes';

app.get('/logs/search', (req, res) => {
  const pattern = req.query.pattern || '';
  const reply = (err, stdout) => res.type('text/plain').send(err ? '' : stdout);
  if (ALLOW_SHELL_PIPELINES) {
    exec(`grep -i "${pattern}" /var/log/app.log | tail -n 100`, reply);
  } else {
    execFile('grep', ['-i', '-m', '100', '--', pattern, '/var/log/app.log'], reply);
  }
});

app.listen(3000);
