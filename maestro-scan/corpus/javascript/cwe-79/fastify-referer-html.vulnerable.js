const fastify = require('fastify')();

fastify.get('/thanks', async (request, reply) => {
  const referer = request.headers.referer || 'a friend';
  reply
    .header('content-type', 'text/html; charset=utf-8')
    .send('<h1>Thanks for signing up!</h1><p>Referred by ' + referer + '</p>');
});

fastify.listen({ port: 3000 });
