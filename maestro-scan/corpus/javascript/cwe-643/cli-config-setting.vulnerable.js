#!/usr/bin/env node
const fs = require('fs');
const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');

const key = process.argv[2];
const config = new DOMParser().parseFromString(fs.readFileSync('/etc/myapp/config.xml', 'utf8'), 'text/xml');

const value = xpath.select(`string(/config/setting[@key='${key}']/@value)`, config);
if (value === '') {
  console.error(`no setting named ${key}`);
  process.exit(1);
}
console.log(value);
