const express = require('express');
const ldap = require('ldapjs');

const app = express();
app.use(express.json());
const client = ldap.createClient({ url: process.env.LDAP_URL });

app.post('/password-reset', (req, res) => {
  const email = req.body.email;
  // not '(mail=' + email + ')': EqualityFilter escapes * ( ) and backslashes
  const filter = new ldap.EqualityFilter({ attribute: 'mail', value: email });
  client.search('ou=people,dc=example,dc=com', { scope: 'sub', filter }, (err, search) => {
    if (err) return res.status(500).end();
    search.on('end', () => res.status(202).json({ sent: true }));
  });
});

app.listen(3000);
