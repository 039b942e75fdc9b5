import { Application, Router } from 'https://deno.land/x/oak@v12.6.1/mod.ts';

const DESTINATIONS: Record<string, string> = {
  billing: '/account/billing',
  security: '/account/security',
};

const router = new Router();
router.get('/after-login', (ctx) => {
  const next = ctx.request.url.searchParams.get('next') ?? '/account';
  ctx.response.redirect(next);
});

const app = new Application();
app.use(router.routes());
await app.listen({ port: 8000 });
