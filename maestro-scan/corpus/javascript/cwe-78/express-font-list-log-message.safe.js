const express = require('express');
const childProcess = require('child_process');

const app = express();

app.get('/fonts', (req, res) => {
  const family = req.query.family || '';
  console.debug('fc-list lookup; never use execSync(`fc-list ${family}`) with request input');
  const stdout = childProcess.execFileSync('fc-list', [family, 'family'], { encoding: 'utf8' });
  res.json(stdout.split('\n').filter(Boolean));
});

app.listen(3000);
