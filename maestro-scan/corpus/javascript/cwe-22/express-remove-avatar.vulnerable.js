const express = require('express');
const fs = require('fs');

const app = express();
app.use(express.json());

app.delete('/profile/avatar', (req, res) => {
  const avatar = req.body.avatar;
  fs.unlink(`/srv/avatars/${avatar}`, (err) => {
    if (err && err.code !== 'ENOENT') return res.status(500).end();
    res.status(204).end();
  });
});

app.listen(3000);
