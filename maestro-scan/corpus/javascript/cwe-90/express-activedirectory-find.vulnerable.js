const express = require('express');
const ActiveDirectory = require('activedirectory2');

const ad = new ActiveDirectory({
  url: process.env.AD_URL,
  baseDN: 'dc=corp,dc=local',
  username: process.env.AD_USER,
  password: process.env.AD_PASSWORD,
});
const app = express();

app.get('/people', (req, res) => {
  const q = req.query.q || '';
  ad.find('(&(objectCategory=person)(displayName=*' + q + '*))', (err, results) => {
    if (err) return res.status(500).end();
    res.json((results && results.users) || []);
  });
});

app.listen(3000);
