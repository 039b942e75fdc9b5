const fastify = require('fastify')({ trustProxy: true });

const PUBLIC_HOST = process.env.PUBLIC_HOST || 'app.example.com';

fastify.addHook('onRequest', async (request, reply) => {
  if (!request.headers.cookie || !request.headers.cookie.includes('sid=')) {
    const host = request.headers['x-forwarded-host'] || PUBLIC_HOST;
    return reply.redirect(`https://${host}/login`);
  }
});

fastify.get('/', async () => ({ ok: true }));
fastify.listen({ port: 3000 });
