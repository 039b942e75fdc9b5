const express = require('express');
const { Client, EqualityFilter } = require('ldapts');

const app = express();
const LEGACY_FILTER = process.env.LDAP_LEGACY_FILTER === '1';

app.get('/users/exists', async (req, res) => {
  const login = String(req.query.login || '');
  const client = new Client({ url: process.env.LDAP_URL });
  const filter = LEGACY_FILTER
    ? `(uid=${login})`
    : new EqualityFilter({ attribute: 'uid', value: login });
  const { searchEntries } = await client.search('ou=people,dc=example,dc=com', { filter });
  await client.unbind();
  res.json({ exists: searchEntries.length > 0 });
});

app.listen(3000);
