const express = require('express');
const cookieParser = require('cookie-parser');
const serialize = require('node-serialize');

const app = express();
app.use(cookieParser());

app.get('/', (req, res) => {
  if (!req.cookies.profile) {
    return res.send('Hello, guest');
  }
  const raw = Buffer.from(req.cookies.profile, 'base64').toString('utf8');
  const profile = serialize.unserialize(raw);
  res.send(`Hello, ${profile.username}`);
});

app.listen(3000);
