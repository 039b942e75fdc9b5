const { Client } = require('ldapts');
const ldapEscape = require('ldap-escape');
const { syncMembers } = require('./sync');

async function run() {
  const groupName = process.env.SYNC_GROUP;
  const client = new Client({ url: process.env.LDAP_URL });
  await client.bind(process.env.LDAP_BIND_DN, process.env.LDAP_BIND_PASSWORD);
  const { searchEntries } = await client.search('ou=groups,dc=example,dc=com', {
    filter: ldapEscape.filter`(&(objectClass=groupOfNames)(cn=${groupName}))`,
    attributes: ['member'],
  });
  await syncMembers(searchEntries.flatMap((e) => e.member || []));
  await client.unbind();
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
