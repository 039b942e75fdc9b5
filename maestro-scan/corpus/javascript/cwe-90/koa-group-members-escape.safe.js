const Koa = require('koa');
const Router = require('@koa/router');
const { Client } = require('ldapts');
const ldapEscape = require('ldap-escape');

const app = new Koa();
const router = new Router();
const ldapClient = new Client({ url: 'ldaps://ldap.internal:636' });

router.get('/groups/:group/members', async (ctx) => {
  const group = ctx.params.group;
  const { searchEntries } = await ldapClient.search('ou=groups,dc=example,dc=com', {
    filter: ldapEscape.filter`(&(objectClass=groupOfNames)(cn=${group}))`,
    attributes: ['member'],
  });
  ctx.body = searchEntries.flatMap((e) => e.member || []);
});

app.use(router.routes());
app.listen(3000);
