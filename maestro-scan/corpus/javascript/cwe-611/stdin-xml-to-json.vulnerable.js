const libxmljs = require('libxmljs');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  input += chunk;
});
process.stdin.on('end', () => {
  const doc = libxmljs.parseXml(input, { noent: true });
  const out = doc.root().childNodes()
    .filter((n) => n.type() === 'element')
    .map((n) => ({ [n.name()]: n.text() }));
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
});
