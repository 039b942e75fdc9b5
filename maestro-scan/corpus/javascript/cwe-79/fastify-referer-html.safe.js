const fastify = require('fastify')();

fastify.get('/thanks', async (request, reply) => {
  const referer = request.headers.referer || 'a friend';
  reply.send({ message: 'Thanks for signing up!', referredBy: referer });
});

fastify.listen({ port: 3000 });
