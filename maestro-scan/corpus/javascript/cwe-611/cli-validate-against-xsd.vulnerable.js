#!/usr/bin/env node
const fs = require('fs');
const libxmljs = require('libxmljs2');

const [, , xmlPath, xsdPath] = process.argv;
const schema = libxmljs.parseXml(fs.readFileSync(xsdPath, 'utf8'));
const doc = libxmljs.parseXml(fs.readFileSync(xmlPath, 'utf8'), { dtdload: true, noent: true });

if (doc.validate(schema)) {
  console.log(`${xmlPath}: valid`);
} else {
  for (const err of doc.validationErrors) console.error(`${xmlPath}:${err.line}: ${err.message}`);
  process.exitCode = 1;
}
