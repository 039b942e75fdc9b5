const fastify = require('fastify')();
const crypto = require('crypto');
const { saveOtp, sendSms } = require('./otp');

fastify.post('/login/otp', async (request) => {
  const { phone } = request.body;
  const code = String(crypto.randomInt(100000, 1000000));
  await saveOtp(phone, code, { ttlSeconds: 300 });
  await sendSms(phone, `Your login code is ${code}`);
  return { sent: true, requestId: crypto.randomUUID() };
});

fastify.listen({ port: 3000 });
