import Fastify, { FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import session from '@fastify/session';

const PLANS = new Set(['free', 'pro']);
const app = Fastify();
app.register(cookie);
app.register(session, { secret: process.env.SESSION_SECRET as string });

app.post('/onboarding/plan', async (request: FastifyRequest<{ Body: { plan: string } }>) => {
  const plan = request.body.plan;
  request.session.set('selectedPlan', plan);
  return { plan };
});

app.listen({ port: 3000 });
