const express = require('express');
const ldap = require('ldapjs');
const ldapEscape = require('ldap-escape');

const app = express();
app.use(express.json());

app.post('/api/auth', (req, res) => {
  const { username, password } = req.body;
  const client = ldap.createClient({ url: process.env.LDAP_URL });
  const dn = ldapEscape.dn`uid=${username},ou=people,dc=example,dc=com`;
  client.bind(dn, password, (err) => {
    client.unbind();
    if (err) return res.status(401).json({ ok: false });
    res.json({ ok: true });
  });
});

app.listen(3000);
