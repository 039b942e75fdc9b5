const fastify = require('fastify')();
const crypto = require('crypto');

const WEBHOOK_SECRET = process.env.WEBHOOK_SECRET;

fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => done(null, body));

fastify.post('/webhooks/payments', async (request, reply) => {
  const expected = crypto.createHmac('sha256', WEBHOOK_SECRET).update(request.body).digest('hex');
  const given = String(request.headers['x-signature'] || '');
  if (given.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
    return reply.code(401).send({ error: 'bad signature' });
  }
  return { received: JSON.parse(request.body).id };
});

fastify.listen({ port: 3000 });
