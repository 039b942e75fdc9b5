import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { Client } from 'ldapts';

const DEPARTMENTS = ['engineering', 'sales', 'support'] as const;
const app = new Hono();

app.get('/team', async (c) => {
  const requested = getCookie(c, 'department') ?? '';
  const dept = (DEPARTMENTS as readonly string[]).includes(requested) ? requested : 'engineering';
  const client = new Client({ url: process.env.LDAP_URL ?? 'ldap://localhost' });
  const { searchEntries } = await client.search('ou=people,dc=example,dc=com', {
    filter: `(&(objectClass=person)(departmentNumber=${dept}))`,
    attributes: ['cn'],
  });
  await client.unbind();
  return c.json(searchEntries.map((e) => e.cn));
});

export default app;
