const readline = require('readline');
const fs = require('fs');
const { evaluateXPathToString } = require('fontoxpath');
const { DOMParser } = require('@xmldom/xmldom');

const stations = new DOMParser().parseFromString(fs.readFileSync('stations.xml', 'utf8'), 'text/xml');
const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: 'station> ' });

rl.prompt();
rl.on('line', (line) => {
  const code = line.trim().toUpperCase();
  const name = evaluateXPathToString('/stations/station[@code=$code]/name', stations, null, { code });
  console.log(name || 'unknown station');
  rl.prompt();
});
