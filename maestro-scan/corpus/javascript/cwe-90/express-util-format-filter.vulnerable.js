const express = require('express');
const util = require('util');
const { Client } = require('ldapts');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/forgot-username', async (req, res) => {
  const phone = req.body.phone;
  const client = new Client({ url: process.env.LDAP_URL });
  const { searchEntries } = await client.search('ou=people,dc=example,dc=com', {
    filter: util.format('(telephoneNumber=%s)', phone),
    attributes: ['uid'],
  });
  await client.unbind();
  res.json({ matches: searchEntries.length });
});

app.listen(3000);
