const fs = require('fs');
const crypto = require('crypto');

async function verifyUpdate(packagePath, manifestUrl) {
  const manifest = await (await fetch(manifestUrl)).json();
  const digest = crypto.createHash('sha256').update(fs.readFileSync(packagePath)).digest('hex');
  if (digest !== manifest.sha256) {
    throw new Error('update package failed integrity check');
  }
  return manifest.version;
}

verifyUpdate(process.argv[2], 'https://updates.example.com/latest.json')
  .then((v) => console.log(`verified ${v}`))
  .catch((err) => { console.error(err.message); process.exit(1); });
