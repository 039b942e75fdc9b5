const fastify = require('fastify')();
const { filterXSS } = require('xss');

const entries = [];

fastify.post('/guestbook', async (request, reply) => {
  const { author, comment } = request.body;
  entries.push({ author: filterXSS(author), comment: filterXSS(comment) });
  const html = entries
    .map((e) => `<article><h3>${e.author}</h3><p>${e.comment}</p></article>`)
    .join('\n');
  reply.type('text/html').send(html);
});

fastify.listen({ port: 3000 });
