const fs = require('fs');
const ldap = require('ldapjs');

const uids = fs.readFileSync(process.argv[2], 'utf8').split('\n').map((s) => s.trim()).filter(Boolean);
const client = ldap.createClient({ url: process.env.LDAP_URL });

const filter = new ldap.OrFilter({
  filters: uids.map((uid) => new ldap.EqualityFilter({ attribute: 'uid', value: uid })),
});

client.search('ou=people,dc=example,dc=com', { scope: 'sub', filter, attributes: ['dn'] }, (err, res) => {
  if (err) throw err;
  res.on('searchEntry', (entry) => console.log('to disable:', entry.pojo.objectName));
  res.on('end', () => client.unbind());
});
