const express = require('express');
const { Client } = require('ldapts');

const app = express();
const client = new Client({ url: process.env.LDAP_URL });

function accountFilter(username) {
  return `(&(objectClass=posixAccount)(uid=${username}))`;
}

app.get('/accounts/:username/shell', async (req, res) => {
  const { searchEntries } = await client.search('ou=people,dc=example,dc=com', {
    filter: accountFilter(req.params.username),
    attributes: ['loginShell'],
  });
  res.json({ shell: searchEntries[0]?.loginShell ?? null });
});

app.listen(3000);
