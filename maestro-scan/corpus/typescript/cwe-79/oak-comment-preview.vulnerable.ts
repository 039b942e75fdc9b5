import { Application, Router } from 'https://deno.land/x/oak@v12.6.1/mod.ts';

const router = new Router();

router.post('/comments/preview', async (ctx) => {
  const form = await ctx.request.body({ type: 'form' }).value;
  const text = form.get('text') ?? '';
  ctx.response.type = 'text/html';
  ctx.response.body = `<blockquote>${text}</blockquote>`;
});

const app = new Application();
app.use(router.routes());
await app.listen({ port: 8000 });
