const fastify = require('fastify')();
const ldap = require('ldapjs');

const client = ldap.createClient({ url: process.env.LDAP_URL });

function escapeFilterValue(value) {
  return String(value).replace(/[\\*()\0]/g, (c) => '\\' + c.charCodeAt(0).toString(16).padStart(2, '0'));
}

fastify.get('/phonebook', (request, reply) => {
  const q = escapeFilterValue(request.query.q || '');
  const filter = `(|(cn=*${q}*)(telephoneNumber=*${q}*))`;
  client.search('ou=staff,dc=example,dc=com', { scope: 'sub', filter }, (err, res) => {
    if (err) return reply.code(500).send();
    const people = [];
    res.on('searchEntry', (entry) => people.push(entry.pojo));
    res.on('end', () => reply.send(people));
  });
});

fastify.listen({ port: 3000 });
