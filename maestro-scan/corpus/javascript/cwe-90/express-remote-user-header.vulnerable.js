const express = require('express');
const ldap = require('ldapjs');

const app = express();
const client = ldap.createClient({ url: 'ldap://ad.corp.local' });

app.use((req, res, next) => {
  const remoteUser = req.get('X-Remote-User');
  if (!remoteUser) return res.status(401).end();
  client.search('dc=corp,dc=local', {
    scope: 'sub',
    filter: '(sAMAccountName=' + remoteUser + ')',
    attributes: ['memberOf'],
  }, (err, result) => {
    if (err) return next(err);
    req.groups = [];
    result.on('searchEntry', (e) => req.groups.push(...[].concat(e.pojo.attributes[0]?.values || [])));
    result.on('end', () => next());
  });
});

app.listen(3000);
