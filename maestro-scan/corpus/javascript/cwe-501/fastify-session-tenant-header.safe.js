const fastify = require('fastify')();

fastify.register(require('@fastify/cookie'));
fastify.register(require('@fastify/session'), { secret: process.env.SESSION_SECRET });

fastify.addHook('preHandler', async (request) => {
  const tenant = request.headers['x-tenant-id'];
  const allowed = request.session.get('tenantIds') || [];
  if (tenant && allowed.includes(tenant)) {
    request.session.set('tenantId', tenant);
  }
});

fastify.get('/tenant', async (request) => ({ tenant: request.session.get('tenantId') || null }));
fastify.listen({ port: 3000 });
