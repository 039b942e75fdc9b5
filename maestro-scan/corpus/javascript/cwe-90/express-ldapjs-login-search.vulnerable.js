const express = require('express');
const ldap = require('ldapjs');

const app = express();
app.use(express.urlencoded({ extended: false }));
const client = ldap.createClient({ url: process.env.LDAP_URL });

app.post('/login', (req, res) => {
  const { username } = req.body;
  const opts = { scope: 'sub', filter: `(uid=${username})`, attributes: ['dn', 'cn', 'mail'] };
  client.search('ou=people,dc=example,dc=com', opts, (err, search) => {
    if (err) return res.status(500).end();
    const entries = [];
    search.on('searchEntry', (entry) => entries.push(entry.pojo));
    search.on('end', () => res.json({ found: entries.length === 1 }));
  });
});

app.listen(3000);
