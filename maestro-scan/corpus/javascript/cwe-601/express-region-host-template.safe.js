const express = require('express');

const app = express();
const REGION_HOSTS = ['eu.example.com', 'us.example.com', 'ap.example.com'];

app.get('/region/select', (req, res) => {
  const host = REGION_HOSTS.includes(req.query.host) ? req.query.host : REGION_HOSTS[0];
  res.cookie('region', host, { httpOnly: true, secure: true, sameSite: 'lax' });
  res.redirect(`https://${host}/welcome`);
});

app.listen(3000);
