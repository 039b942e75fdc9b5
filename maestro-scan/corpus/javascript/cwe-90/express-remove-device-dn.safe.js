const express = require('express');
const ldap = require('ldapjs');

const app = express();
const client = ldap.createClient({ url: process.env.LDAP_URL });

app.delete('/devices/:cn', (req, res) => {
  const cn = req.params.cn;
  if (!/^[A-Za-z0-9-]{1,63}$/.test(cn)) {
    return res.status(400).json({ error: 'invalid device name' });
  }
  client.del(`cn=${cn},ou=devices,dc=example,dc=com`, (err) => {
    if (err) return res.status(404).json({ error: err.message });
    res.status(204).end();
  });
});

app.listen(3000);
