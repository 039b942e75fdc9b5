const crypto = require('crypto');

const LICENSE_SECRET = process.env.LICENSE_SECRET;

function expectedKey(email) {
  const raw = crypto.createHash('sha1').update(email.toLowerCase() + LICENSE_SECRET).digest('hex');
  return raw.slice(0, 20).toUpperCase().match(/.{5}/g).join('-');
}

function isLicensed(email, key) {
  return expectedKey(email) === String(key).trim().toUpperCase();
}

module.exports = { isLicensed };
