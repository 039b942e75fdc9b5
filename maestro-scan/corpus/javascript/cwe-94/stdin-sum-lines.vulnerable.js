const readline = require('readline');

const rl = readline.createInterface({ input: process.stdin, terminal: false });
let total = 0;

rl.on('line', (line) => {
  const trimmed = line.trim();
  if (trimmed === '') return;
  total += eval(trimmed);
});

rl.on('close', () => {
  console.log(`total: ${total}`);
});
