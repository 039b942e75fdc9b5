const express = require('express');
const serialize = require('node-serialize');

const app = express();

app.use((req, res, next) => {
  const header = req.get('X-Client-Context');
  req.clientContext = header
    ? serialize.unserialize(Buffer.from(header, 'base64').toString())
    : { platform: 'web' };
  next();
});

app.get('/home', (req, res) => res.json({ platform: req.clientContext.platform }));
app.listen(3000);
