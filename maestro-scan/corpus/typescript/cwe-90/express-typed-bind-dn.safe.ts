import express, { Request, Response } from 'express';
import { Client } from 'ldapts';
import ldapEscape from 'ldap-escape';

const app = express();
app.use(express.json());

interface LoginBody { username: string; password: string }

app.post('/login', async (req: Request<{}, unknown, LoginBody>, res: Response) => {
  const client = new Client({ url: process.env.LDAP_URL as string });
  const dn = ldapEscape.dn`uid=${req.body.username},ou=people,dc=example,dc=com`;
  try {
    await client.bind(dn, req.body.password);
    res.json({ ok: true });
  } catch {
    res.status(401).json({ ok: false });
  } finally {
    await client.unbind();
  }
});

app.listen(3000);
