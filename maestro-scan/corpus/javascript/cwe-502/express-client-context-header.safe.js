const express = require('express');

const app = express();

app.use((req, res, next) => {
  const header = req.get('X-Client-Context');
  req.clientContext = header
    ? JSON.parse(Buffer.from(header, 'base64').toString())
    : { platform: 'web' };
  next();
});

app.get('/home', (req, res) => res.json({ platform: req.clientContext.platform }));
app.listen(3000);
