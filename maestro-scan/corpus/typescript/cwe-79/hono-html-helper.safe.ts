import { Hono } from 'hono';
import { html } from 'hono/html';

const app = new Hono();

app.get('/welcome', (c) => {
  const team = c.req.query('team') ?? 'your team';
  return c.html(html`<main><h1>Welcome to ${team}</h1></main>`);
});

export default app;
