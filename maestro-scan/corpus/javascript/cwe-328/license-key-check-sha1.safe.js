const crypto = require('crypto');

const LICENSE_SECRET = process.env.LICENSE_SECRET;

function expectedKey(email) {
  const raw = crypto.createHmac('sha256', LICENSE_SECRET).update(email.toLowerCase()).digest('hex');
  return raw.slice(0, 20).toUpperCase().match(/.{5}/g).join('-');
}

function isLicensed(email, key) {
  return expectedKey(email) === String(key).trim().toUpperCase();
}

module.exports = { isLicensed };
