const CryptoJS = require('crypto-js');
const crypto = require('crypto');

function hashPassword(password) {
  const salt = crypto.randomBytes(16).toString('hex');
  const hash = hashPassword.withSalt(password, salt);
  return { salt, hash };
}

function checkPassword(password, record) {
  return hashPassword.withSalt(password, record.salt) === record.hash;
}

hashPassword.withSalt = (password, salt) =>
  CryptoJS.PBKDF2(password, salt, { keySize: 8, iterations: 310000, hasher: CryptoJS.algo.SHA256 }).toString(CryptoJS.enc.Hex);

module.exports = { hashPassword, checkPassword };
