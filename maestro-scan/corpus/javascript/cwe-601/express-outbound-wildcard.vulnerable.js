const express = require('express');

const app = express();
const PARTNER_HOSTS = ['docs.partner.io', 'status.partner.io'];

app.get('/partner/*', (req, res) => {
  const target = 'https://' + req.params[0];
  res.redirect(301, target);
});

app.listen(3000);
