import { Hono } from 'hono';
import { serve } from '@hono/node-server';

const app = new Hono();
const HOMEPAGE = 'https://www.example.com/';

app.get('/out', (c) => {
  const url = c.req.query('url') ?? HOMEPAGE;
  return c.redirect(url);
});

serve({ fetch: app.fetch, port: 3000 });
