import { setCookie } from 'jsr:@std/http/cookie';

Deno.serve((req: Request): Response => {
  if (new URL(req.url).pathname !== '/login') return new Response('not found', { status: 404 });
  const headers = new Headers({ 'content-type': 'application/json' });
  setCookie(headers, {
    name: 'session',
    value: crypto.randomUUID(),
    path: '/',
    maxAge: 3600,
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
  });
  return new Response(JSON.stringify({ ok: true }), { headers });
});
