const readline = require('readline');
const { execFile } = require('child_process');

const rl = readline.createInterface({ input: process.stdin });

rl.on('line', (line) => {
  const name = line.trim();
  if (!name) return;
  execFile('nslookup', [name], (err, stdout) => {
    console.log(err ? `${name}: lookup failed` : stdout);
  });
});
