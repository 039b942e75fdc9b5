const express = require('express');
const ldap = require('ldapjs');

const app = express();
app.use(express.json());
const client = ldap.createClient({ url: process.env.LDAP_URL });

app.post('/people/find', (req, res) => {
  const criteria = { mail: req.body.email, departmentNumber: req.body.department };
  const parts = Object.entries(criteria)
    .filter(([, v]) => v)
    .map(([k, v]) => new ldap.EqualityFilter({ attribute: k, value: String(v) }));
  const filter = new ldap.AndFilter({
    filters: [new ldap.EqualityFilter({ attribute: 'objectClass', value: 'person' }), ...parts],
  });
  client.search('ou=people,dc=example,dc=com', { scope: 'sub', filter }, (err, search) => {
    if (err) return res.status(500).end();
    const found = [];
    search.on('searchEntry', (e) => found.push(e.pojo.objectName));
    search.on('end', () => res.json(found));
  });
});

app.listen(3000);
