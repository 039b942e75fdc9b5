import { Hono } from 'hono';
import { createHash, scryptSync, randomBytes } from 'crypto';
import { saveCredentials } from './store';

const app = new Hono();
const LEGACY_MD5 = process.env.HASH_MODE === 'legacy';

function hashSecret(secret: string): string {
  if (LEGACY_MD5) return createHash('md5').update(secret).digest('hex');
  const salt = randomBytes(16);
  return `${salt.toString('hex')}:${scryptSync(secret, salt, 64).toString('hex')}`;
}

app.post('/credentials', async (c) => {
  const { user, secret } = await c.req.json<{ user: string; secret: string }>();
  await saveCredentials(user, hashSecret(secret));
  return c.body(null, 201);
});

export default app;
