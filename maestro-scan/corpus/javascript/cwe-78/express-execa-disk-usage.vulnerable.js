const express = require('express');
const execa = require('execa');

const app = express();

app.get('/admin/disk-usage', async (req, res) => {
  const dir = req.query.dir || '/srv/data';
  try {
    const { stdout } = await execa('du -sh ' + dir, { shell: true });
    res.type('text/plain').send(stdout);
  } catch (err) {
    res.status(500).send('du failed');
  }
});

app.listen(3000);
