const fastify = require('fastify')();
const libxmljs = require('libxmljs2');

fastify.addContentTypeParser('application/xml', { parseAs: 'string' }, (request, body, done) => {
  try {
    done(null, libxmljs.parseXml(body, { noblanks: true }));
  } catch (err) {
    err.statusCode = 400;
    done(err);
  }
});

fastify.post('/shipments', async (request) => {
  const tracking = request.body.get('//TrackingNumber');
  return { tracking: tracking ? tracking.text() : null };
});

fastify.listen({ port: 3000 });
