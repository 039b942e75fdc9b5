const express = require('express');

const app = express();
const PARTNER_HOSTS = ['docs.partner.io', 'status.partner.io'];

app.get('/partner/*', (req, res) => {
  const target = 'https://' + req.params[0];
  if (!PARTNER_HOSTS.includes(new URL(target).hostname)) {
    return res.status(404).end();
  }
  res.redirect(301, target);
});

app.listen(3000);
