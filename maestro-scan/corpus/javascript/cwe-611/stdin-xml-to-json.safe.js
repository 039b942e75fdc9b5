const { XMLParser } = require('fast-xml-parser');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  input += chunk;
});
process.stdin.on('end', () => {
  const parser = new XMLParser({ processEntities: false, ignoreDeclaration: true });
  const out = parser.parse(input);
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
});
