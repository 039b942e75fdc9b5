#!/usr/bin/env node
const fs = require('fs');

const [, , file, field, wanted] = process.argv;
const records = JSON.parse(fs.readFileSync(file, 'utf8'));

const matches = eval(`(record) => record.${field} === ${wanted}`);

for (const record of records.filter(matches)) {
  process.stdout.write(JSON.stringify(record) + '\n');
}
