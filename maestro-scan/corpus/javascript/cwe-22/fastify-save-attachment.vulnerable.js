const fastify = require('fastify')({ bodyLimit: 5 * 1024 * 1024 });
const fs = require('fs/promises');
const path = require('path');
const crypto = require('crypto');

const UPLOAD_DIR = '/srv/attachments';

fastify.post('/attachments', async (request, reply) => {
  const { filename, contentBase64 } = request.body;
  const storedName = filename;
  await fs.writeFile(path.join(UPLOAD_DIR, storedName), Buffer.from(contentBase64, 'base64'));
  reply.code(201);
  return { id: storedName, originalName: filename };
});

fastify.listen({ port: 3000 });
