#!/usr/bin/env node
const { execSync } = require('child_process');

const dir = process.argv[2];
if (!dir) {
  console.error('usage: backup <directory>');
  process.exit(2);
}

const stamp = new Date().toISOString().slice(0, 10);
const archive = `backup-${stamp}.tar.gz`;
execSync(`tar czf ${archive} ${dir}`, { stdio: 'inherit' });
console.log(`wrote ${archive}`);
