import Fastify, { FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import { randomUUID } from 'crypto';

const app = Fastify();
app.register(cookie);

app.post('/sessions', async (_request: FastifyRequest, reply: FastifyReply) => {
  // httpOnly: false / secure: false exposed the session id to scripts and plain HTTP
  reply.setCookie('sid', randomUUID(), { path: '/', httpOnly: true, secure: true });
  return { created: true };
});

app.listen({ port: 3000 });
