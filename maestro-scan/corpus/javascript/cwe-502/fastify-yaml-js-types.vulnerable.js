const fastify = require('fastify')();
const yaml = require('js-yaml');
const { types } = require('js-yaml-js-types');

const schema = yaml.DEFAULT_SCHEMA.extend([types.function, types.regexp, types.undefined]);

fastify.addContentTypeParser('text/yaml', { parseAs: 'string' }, (request, body, done) => {
  done(null, body);
});

fastify.post('/rules/preview', async (request) => {
  const rules = yaml.load(request.body, { schema });
  return { count: Object.keys(rules || {}).length };
});

fastify.listen({ port: 3000 });
