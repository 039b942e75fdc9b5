Deno.serve((req: Request): Response => {
  const url = new URL(req.url);
  if (url.pathname === '/continue') {
    const to = url.searchParams.get('to') ?? '/';
    return Response.redirect(new URL(to, url.origin), 302);
  }
  return new Response('ok');
});
