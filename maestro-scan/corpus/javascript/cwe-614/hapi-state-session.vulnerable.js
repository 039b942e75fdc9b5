const Hapi = require('@hapi/hapi');
const { login } = require('./auth');

async function start() {
  const server = Hapi.server({ port: 3000 });
  server.state('session', {
    ttl: 24 * 60 * 60 * 1000,
    isSecure: false,
    isHttpOnly: false,
    encoding: 'base64json',
  });
  server.route({
    method: 'POST',
    path: '/login',
    handler: async (request, h) => {
      const session = await login(request.payload);
      return h.response({ ok: true }).state('session', session);
    },
  });
  await server.start();
}

start();
