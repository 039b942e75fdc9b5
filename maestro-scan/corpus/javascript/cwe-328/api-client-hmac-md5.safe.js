const crypto = require('crypto');

const API_KEY = process.env.PARTNER_API_KEY;
const API_SECRET = process.env.PARTNER_API_SECRET;

async function callPartner(path, payload) {
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(Date.now() / 1000).toString();
  const signature = crypto.createHmac('sha256', API_SECRET).update(timestamp + path + body).digest('hex');
  const res = await fetch(`https://api.partner.example${path}`, {
    method: 'POST',
    headers: { 'X-Key': API_KEY, 'X-Timestamp': timestamp, 'X-Signature': signature },
    body,
  });
  return res.json();
}

module.exports = { callPartner };
