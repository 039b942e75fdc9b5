const crypto = require('crypto');

function codeVerifier() {
  return crypto.randomBytes(48).toString('base64url');
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
