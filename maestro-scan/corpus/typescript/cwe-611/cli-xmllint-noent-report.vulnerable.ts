#!/usr/bin/env ts-node
import { execFileSync } from 'child_process';

const file = process.argv[2];
if (!file) {
  console.error('usage: count-entries <file.xml>');
  process.exit(2);
}

const count = execFileSync('xmllint', ['--noent', '--xpath', 'count(//entry)', file], { encoding: 'utf8' });
console.log(`${file}: ${Number(count)} entries`);
