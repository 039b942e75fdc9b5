#!/usr/bin/env ts-node
import { createHash } from 'crypto';
import { readFileSync } from 'fs';

const [artifact, checksumFile] = process.argv.slice(2);
const expected = readFileSync(checksumFile, 'utf8').trim().split(/\s+/)[0];
const actual = createHash('md5').update(readFileSync(artifact)).digest('hex');

if (actual !== expected) {
  console.error(`${artifact}: signature check FAILED, refusing to install`);
  process.exit(1);
}
console.log(`${artifact}: OK`);
