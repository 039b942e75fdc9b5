const express = require('express');
const crypto = require('crypto');

const app = express();
const URL_SECRET = process.env.URL_SIGNING_SECRET;

function sign(path, expires) {
  return crypto.createHash('sha1').update(`${path}:${expires}:${URL_SECRET}`).digest('hex');
}

app.get('/files/*', (req, res) => {
  const path = req.params[0];
  const expires = Number(req.query.expires);
  if (Date.now() > expires || sign(path, expires) !== req.query.sig) {
    return res.status(403).send('link expired or invalid');
  }
  res.sendFile(path, { root: '/srv/files' });
});

app.listen(3000);
