const fastify = require('fastify')({ logger: true });
const Database = require('better-sqlite3');

const db = new Database('inventory.db', { readonly: true });

fastify.get('/items/:sku', async (request, reply) => {
  const { sku } = request.params;
  const item = db
    .prepare(`SELECT sku, name, quantity FROM items WHERE sku = '${sku}'`)
    .get();
  if (!item) {
    reply.code(404);
    return { error: 'not found' };
  }
  return item;
});

fastify.listen({ port: 3001 });
