import Fastify, { FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import { randomUUID } from 'crypto';

const app = Fastify();
app.register(cookie);

app.post('/sessions', async (_request: FastifyRequest, reply: FastifyReply) => {
  reply.setCookie('sid', randomUUID(), { path: '/', httpOnly: false, secure: false });
  return { created: true };
});

app.listen({ port: 3000 });
