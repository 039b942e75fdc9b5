const express = require('express');
const childProcess = require('child_process');

const app = express();

app.get('/fonts', (req, res) => {
  const family = req.query.family || '';
  const stdout = childProcess.execSync(`fc-list "${family}" family`, { encoding: 'utf8' });
  res.json(stdout.split('\n').filter(Boolean));
});

app.listen(3000);
