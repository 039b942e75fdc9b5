#!/usr/bin/env node
const crypto = require('crypto');

const CHARSET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!@#$%';
const length = Number.parseInt(process.argv[2], 10) || 20;

function generatePassword(size) {
  const chars = [];
  for (let i = 0; i < size; i += 1) {
    chars.push(CHARSET.charAt(crypto.randomInt(CHARSET.length)));
  }
  return chars.join('');
}

console.log(generatePassword(length));
