const crypto = require('crypto');

const LEGACY_HASH = false;

function digestPassword(password, salt) {
  if (LEGACY_HASH) {
    return crypto.createHash('md5').update(salt + password).digest('hex');
  }
  return crypto.pbkdf2Sync(password, salt, 600000, 32, 'sha256').toString('hex');
}

module.exports = { digestPassword };
