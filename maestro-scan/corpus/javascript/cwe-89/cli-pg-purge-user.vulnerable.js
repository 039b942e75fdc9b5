#!/usr/bin/env node
const { Client } = require('pg');

async function main() {
  const username = process.argv[2];
  if (!username) {
    console.error('usage: purge-user <username>');
    process.exit(1);
  }
  const client = new Client();
  await client.connect();
  const result = await client.query(
    "DELETE FROM sessions WHERE username = '" + username + "'"
  );
  console.log(`removed ${result.rowCount} sessions for ${username}`);
  await client.end();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
