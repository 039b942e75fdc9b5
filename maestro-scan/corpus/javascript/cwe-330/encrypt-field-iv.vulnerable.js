const crypto = require('crypto');

const KEY = Buffer.from(process.env.FIELD_KEY, 'hex');

function encryptField(plaintext) {
  const iv = Buffer.from(Array.from({ length: 12 }, () => Math.floor(Math.random() * 256)));
  const cipher = crypto.createCipheriv('aes-256-gcm', KEY, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64')).join('.');
}

module.exports = { encryptField };
