import { Application, Router } from 'https://deno.land/x/oak@v12.6.1/mod.ts';

const router = new Router();

router.post('/login', async (ctx) => {
  const { user } = await ctx.request.body({ type: 'json' }).value;
  const sid = crypto.randomUUID();
  await ctx.cookies.set('sid', sid, { httpOnly: true, secure: true, sameSite: 'lax' });
  ctx.response.body = { user };
});

const app = new Application();
app.use(router.routes());
await app.listen({ port: 8000 });
