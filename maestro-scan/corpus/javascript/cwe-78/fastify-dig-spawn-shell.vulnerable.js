const fastify = require('fastify')();
const { spawn } = require('child_process');

fastify.get('/dns/:domain', (request, reply) => {
  const child = spawn('dig', ['+short', request.params.domain], { shell: true });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.on('close', (code) => {
    reply.send({ code, records: output.trim().split('\n') });
  });
});

fastify.listen({ port: 3000 });
