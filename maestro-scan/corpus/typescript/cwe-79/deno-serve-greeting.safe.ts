import { escape } from 'jsr:@std/html';

Deno.serve((req: Request): Response => {
  const name = new URL(req.url).searchParams.get('name') ?? 'there';
  const body = `<!doctype html><p>Hello, ${escape(name)}!</p>`;
  return new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8' } });
});
