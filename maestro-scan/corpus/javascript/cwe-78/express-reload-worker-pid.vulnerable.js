const express = require('express');
const { execSync } = require('child_process');

const app = express();

app.post('/admin/workers/:pid/reload', (req, res) => {
  const pid = req.params.pid;
  try {
    execSync(`kill -HUP ${pid}`);
    res.json({ reloaded: pid });
  } catch (err) {
    res.status(404).json({ error: 'no such worker' });
  }
});

app.listen(3000);
