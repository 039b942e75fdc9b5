const fastify = require('fastify')();

const DESTINATIONS = {
  billing: '/account/billing',
  profile: '/account/profile',
  security: '/account/security',
};

fastify.get('/account/after-verify', async (request, reply) => {
  const destination = request.query.continue || DESTINATIONS.profile;
  return reply.redirect(destination);
});

fastify.listen({ port: 3000 });
