import express, { Request, Response } from 'express';
import ldap, { SearchEntry } from 'ldapjs';
import ldapEscape from 'ldap-escape';

const app = express();
const client = ldap.createClient({ url: process.env.LDAP_URL as string });

app.get('/groups/:cn', (req: Request<{ cn: string }>, res: Response) => {
  const filter = ldapEscape.filter`(&(objectClass=groupOfNames)(cn=${req.params.cn}))`;
  client.search('ou=groups,dc=example,dc=com', { scope: 'sub', filter }, (err, result) => {
    if (err) return res.sendStatus(500);
    const groups: object[] = [];
    result.on('searchEntry', (entry: SearchEntry) => groups.push(entry.pojo));
    result.on('end', () => res.json(groups));
  });
});

app.listen(3000);
