const fastify = require('fastify')();

fastify.register(require('@fastify/cookie'));
fastify.register(require('@fastify/session'), {
  secret: process.env.SESSION_SECRET,
  cookieName: 'sessionId',
  cookie: { secure: true, httpOnly: true, maxAge: 7 * 24 * 3600 * 1000 },
});

fastify.get('/profile', async (request) => ({ user: request.session.get('user') || null }));
fastify.listen({ port: 3000 });
