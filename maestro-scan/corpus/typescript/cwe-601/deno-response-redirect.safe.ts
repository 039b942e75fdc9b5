Deno.serve((req: Request): Response => {
  const url = new URL(req.url);
  if (url.pathname === '/continue') {
    const to = url.searchParams.get('to') ?? '/';
    const target = new URL(to, url.origin);
    return Response.redirect(target.origin === url.origin ? target : new URL('/', url.origin), 302);
  }
  return new Response('ok');
});
