const crypto = require('crypto');

function codeVerifier() {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';
  let out = '';
  while (out.length < 64) out += alphabet[Math.floor(Math.random() * alphabet.length)];
  return out;
}

function pollDelay() {
  return 2000 + Math.floor(Math.random() * 500);
}

function startDeviceLogin() {
  const verifier = codeVerifier();
  const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge, nextPollMs: pollDelay() };
}

module.exports = { startDeviceLogin };
