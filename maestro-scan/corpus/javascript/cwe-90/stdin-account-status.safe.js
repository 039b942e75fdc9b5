const readline = require('readline/promises');
const { Client, EqualityFilter } = require('ldapts');

async function main() {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  const uid = (await rl.question('uid: ')).trim();
  rl.close();
  const client = new Client({ url: process.env.LDAP_URL });
  const { searchEntries } = await client.search('ou=people,dc=example,dc=com', {
    filter: new EqualityFilter({ attribute: 'uid', value: uid }),
    attributes: ['nsAccountLock'],
  });
  console.log(searchEntries.length ? `locked: ${searchEntries[0].nsAccountLock || 'false'}` : 'no such uid');
  await client.unbind();
}

main();
