#!/usr/bin/env node
const fs = require('fs');

const file = process.argv[2] || 'session.dat';
const session = JSON.parse(fs.readFileSync(file, 'utf8'));

console.log(`restoring ${session.tabs.length} tabs for ${session.user}`);
for (const tab of session.tabs) {
  console.log(` - ${tab.url}`);
}
