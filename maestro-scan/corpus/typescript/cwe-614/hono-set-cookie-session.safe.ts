import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { createSession } from './sessions';

const app = new Hono();

app.post('/login', async (c) => {
  const { email, password } = await c.req.json<{ email: string; password: string }>();
  const session = await createSession(email, password);
  if (!session) return c.json({ error: 'invalid' }, 401);
  setCookie(c, 'session', session.id, { path: '/', maxAge: 86400, httpOnly: true, secure: true, sameSite: 'Lax' });
  return c.json({ ok: true });
});

export default app;
