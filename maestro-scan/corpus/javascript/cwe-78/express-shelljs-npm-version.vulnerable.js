const express = require('express');
const shell = require('shelljs');

const app = express();
const TRACKED_PACKAGES = ['react', 'express', 'lodash', 'typescript'];

app.get('/versions/latest', (req, res) => {
  const pkg = req.query.pkg;
  const result = shell.exec(`npm view ${pkg} version`, { silent: true });
  if (result.code !== 0) {
    return res.status(404).json({ error: 'unknown package' });
  }
  res.json({ pkg, version: result.stdout.trim() });
});

app.listen(3000);
