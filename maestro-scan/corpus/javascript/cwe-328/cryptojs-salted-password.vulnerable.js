const CryptoJS = require('crypto-js');
const crypto = require('crypto');

function hashPassword(password) {
  const salt = crypto.randomBytes(16).toString('hex');
  const hash = CryptoJS.MD5(salt + password).toString(CryptoJS.enc.Hex);
  return { salt, hash };
}

function checkPassword(password, record) {
  return hashPassword.withSalt(password, record.salt) === record.hash;
}

hashPassword.withSalt = (password, salt) => CryptoJS.MD5(salt + password).toString(CryptoJS.enc.Hex);

module.exports = { hashPassword, checkPassword };
