const express = require('express');
const { Client } = require('ldapts');
const ldapEscape = require('ldap-escape');

const app = express();

app.get('/search', async (req, res) => {
  let attribute = req.query.by || 'cn';
  const value = ldapEscape.filter`${req.query.value || ''}`;
  const client = new Client({ url: process.env.LDAP_URL });
  const { searchEntries } = await client.search('ou=people,dc=example,dc=com', {
    filter: `(${attribute}=${value})`,
  });
  await client.unbind();
  res.json(searchEntries.map((e) => e.dn));
});

app.listen(3000);
