const fastify = require('fastify')();
const fs = require('fs');
const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');

const staff = new DOMParser().parseFromString(fs.readFileSync('staff.xml', 'utf8'), 'text/xml');
const DEPARTMENTS = ['engineering', 'finance', 'legal', 'marketing'];

fastify.get('/employees', async (request, reply) => {
  const dept = request.query.dept;
  if (!DEPARTMENTS.includes(dept)) {
    return reply.code(400).send({ error: 'unknown department' });
  }
  const nodes = xpath.select(`//employee[department='${dept}']/name/text()`, staff);
  return nodes.map((n) => n.nodeValue);
});

fastify.listen({ port: 3000 });
