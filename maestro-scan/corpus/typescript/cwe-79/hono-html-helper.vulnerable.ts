import { Hono } from 'hono';
import { html, raw } from 'hono/html';

const app = new Hono();

app.get('/welcome', (c) => {
  const team = c.req.query('team') ?? 'your team';
  return c.html(html`<main><h1>Welcome to ${raw(team)}</h1></main>`);
});

export default app;
