const fs = require('fs');
const { exec } = require('child_process');

const hosts = fs
  .readFileSync(process.env.HOSTS_FILE || 'hosts.txt', 'utf8')
  .split(/\r?\n/)
  .filter((h) => h && !h.startsWith('#'));

for (const host of hosts) {
  exec(`ssh -o BatchMode=yes ${host} uptime`, (err, stdout) => {
    console.log(`${host}\t${err ? 'unreachable' : stdout.trim()}`);
  });
}
