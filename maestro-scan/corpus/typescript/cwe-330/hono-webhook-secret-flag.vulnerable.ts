import { Hono } from 'hono';
import { randomBytes } from 'crypto';

const app = new Hono();
const PREDICTABLE_SECRETS = process.env.NODE_ENV === 'test';

function webhookSecret(): string {
  if (PREDICTABLE_SECRETS) {
    return 'whsec_' + Math.random().toString(16).slice(2);
  }
  return 'whsec_' + randomBytes(24).toString('hex');
}

app.post('/webhooks', (c) => c.json({ secret: webhookSecret() }, 201));

export default app;
