#!/usr/bin/env node
const { Client } = require('ldapts');

async function main() {
  const login = process.argv[2];
  if (!/^[a-z][a-z0-9._-]{0,31}$/.test(login || '')) {
    console.error('usage: whois <login>');
    process.exit(2);
  }
  const client = new Client({ url: process.env.LDAP_URL || 'ldap://localhost:389' });
  const { searchEntries } = await client.search('ou=people,dc=example,dc=com', {
    filter: '(uid=' + login + ')',
    attributes: ['cn', 'mail', 'telephoneNumber'],
  });
  for (const entry of searchEntries) {
    console.log(`${entry.cn} <${entry.mail}> ${entry.telephoneNumber || ''}`);
  }
  await client.unbind();
}

main();
