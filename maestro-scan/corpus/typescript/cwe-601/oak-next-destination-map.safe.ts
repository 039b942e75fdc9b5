import { Application, Router } from 'https://deno.land/x/oak@v12.6.1/mod.ts';

const DESTINATIONS: Record<string, string> = {
  billing: '/account/billing',
  security: '/account/security',
};

const router = new Router();
router.get('/after-login', (ctx) => {
  const key = ctx.request.url.searchParams.get('next') ?? '';
  ctx.response.redirect(Object.hasOwn(DESTINATIONS, key) ? DESTINATIONS[key] : '/account');
});

const app = new Application();
app.use(router.routes());
await app.listen({ port: 8000 });
