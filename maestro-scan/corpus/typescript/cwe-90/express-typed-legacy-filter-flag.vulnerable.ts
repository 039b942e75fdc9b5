import express, { Request, Response } from 'express';
import { Client, EqualityFilter, Filter } from 'ldapts';

const app = express();
const LEGACY_STRING_FILTERS = process.env.LDAP_STRING_FILTERS === '1';

app.get('/exists', async (req: Request, res: Response) => {
  const login = String(req.query.login ?? '');
  const filter: string | Filter = LEGACY_STRING_FILTERS
    ? `(uid=${login})`
    : new EqualityFilter({ attribute: 'uid', value: login });
  const client = new Client({ url: process.env.LDAP_URL as string });
  const { searchEntries } = await client.search('ou=people,dc=example,dc=com', { filter });
  await client.unbind();
  res.json({ exists: searchEntries.length > 0 });
});

app.listen(3000);
