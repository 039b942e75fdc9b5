const express = require('express');
const { Client, EqualityFilter } = require('ldapts');

const app = express();

app.get('/directory/by-mail', async (req, res) => {
  const client = new Client({ url: process.env.LDAP_URL });
  try {
    await client.bind(process.env.LDAP_BIND_DN, process.env.LDAP_BIND_PASSWORD);
    const { searchEntries } = await client.search('dc=corp,dc=example', {
      scope: 'sub',
      filter: new EqualityFilter({ attribute: 'mail', value: req.query.email }),
    });
    res.json(searchEntries.map((e) => ({ cn: e.cn, title: e.title })));
  } finally {
    await client.unbind();
  }
});

app.listen(3000);
