const Fastify = require('fastify');
const { spawnSync } = require('child_process');

const app = Fastify();

app.post('/search', async (request) => {
  const { pattern } = request.body;
  const result = spawnSync('grep', ['-rn', '--', pattern, '/srv/docs'], { encoding: 'utf8' });
  return { matches: result.stdout.split('\n').filter(Boolean).slice(0, 200) };
});

app.listen({ port: 3000 });
