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
main(login);
