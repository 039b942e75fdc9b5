const crypto = require('crypto');
const { saveWebhook } = require('./webhooks');

function backoffDelay(attempt) {
  const base = Math.min(30000, 1000 * 2 ** attempt);
  return base / 2 + Math.random() * (base / 2);
}

async function registerWebhook(accountId, url) {
  const signingSecret = 'whsec_' + crypto.randomBytes(24).toString('hex');
  await saveWebhook({ accountId, url, signingSecret });
  return { signingSecret, firstRetryInMs: backoffDelay(0) };
}

module.exports = { registerWebhook, backoffDelay, sign: (secret, body) => crypto.createHmac('sha256', secret).update(body).digest('hex') };
