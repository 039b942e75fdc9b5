const fastify = require('fastify')();
const crypto = require('crypto');

fastify.register(require('@fastify/cookie'), { secret: process.env.COOKIE_SECRET });

fastify.post('/sessions', async (request, reply) => {
  const sid = crypto.randomUUID();
  reply.setCookie('sid', sid, { path: '/', signed: true, httpOnly: true, secure: true, sameSite: 'lax' });
  return { created: true };
});

fastify.listen({ port: 3000 });
