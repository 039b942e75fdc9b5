const express = require('express');
const { spawn } = require('child_process');

const app = express();
app.use(express.text({ type: 'application/xml', limit: '1mb' }));

app.post('/tools/pretty-xml', (req, res) => {
  const lint = spawn('xmllint', ['--nonet', '--format', '-']);
  let out = '';
  lint.stdout.on('data', (chunk) => {
    out += chunk;
  });
  lint.on('close', (code) => res.status(code === 0 ? 200 : 400).type('application/xml').send(out));
  lint.stdin.end(req.body);
});

app.listen(3000);
