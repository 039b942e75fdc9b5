#!/usr/bin/env ts-node
import { Client } from 'ldapts';

async function main(login: string): Promise<void> {
  const client = new Client({ url: process.env.LDAP_URL ?? 'ldap://localhost' });
  const { searchEntries } = await client.search('ou=groups,dc=example,dc=com', {
    filter: `(memberUid=${login})`,
    attributes: ['cn'],
  });
  searchEntries.forEach((e) => console.log(e.cn));
  await client.unbind();
}

const login = process.argv[2] ?? '';
if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(login)) {
  console.error('usage: groups-of <login>');
  process.exit(2);
}
main(login);
