const express = require('express');
const cookieParser = require('cookie-parser');
const { Client } = require('ldapts');

const app = express();
app.use(cookieParser());
const DEPARTMENTS = new Set(['engineering', 'sales', 'finance', 'support']);

app.get('/team', async (req, res) => {
  const dept = req.cookies.department || 'engineering';
  const client = new Client({ url: process.env.LDAP_URL });
  const { searchEntries } = await client.search('ou=people,dc=example,dc=com', {
    filter: `(&(objectClass=person)(departmentNumber=${dept}))`,
  });
  await client.unbind();
  res.json(searchEntries.map((e) => e.cn));
});

app.listen(3000);
