import { Hono } from 'hono';
import { verify } from 'hono/jwt';
import { sessionMiddleware, Session, CookieStore } from 'hono-sessions';

const app = new Hono<{ Variables: { session: Session } }>();
app.use('*', sessionMiddleware({ store: new CookieStore(), encryptionKey: process.env.SESSION_KEY }));

app.post('/session/start', async (c) => {
  const claims = await verify(c.req.header('authorization')?.slice(7) ?? '', process.env.JWT_SECRET as string);
  const session = c.get('session');
  session.set('sub', claims.sub);
  session.set('isAdmin', claims.role === 'admin');
  return c.json({ ok: true });
});

export default app;
