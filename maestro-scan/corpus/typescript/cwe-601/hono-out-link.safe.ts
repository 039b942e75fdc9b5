import { Hono } from 'hono';
import { serve } from '@hono/node-server';

const app = new Hono();
const HOMEPAGE = 'https://www.example.com/';

app.get('/out', (c) => {
  const url = c.req.query('url') ?? HOMEPAGE;
  console.info(`outbound link requested: ${url}`);
  return c.redirect(`/leaving?to=${encodeURIComponent(url)}`);
});

serve({ fetch: app.fetch, port: 3000 });
