#!/usr/bin/env node
const readline = require('readline/promises');
const crypto = require('crypto');
const { Client } = require('pg');

async function main() {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  const username = await rl.question('admin username: ');
  const password = await rl.question('admin password: ');
  rl.close();
  const hash = crypto.createHash('md5').update(password).digest('hex');
  const client = new Client();
  await client.connect();
  await client.query('INSERT INTO admins (username, password_hash) VALUES ($1, $2)', [username, hash]);
  await client.end();
}

main();
