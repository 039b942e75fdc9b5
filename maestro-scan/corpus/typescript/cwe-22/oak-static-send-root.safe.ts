import { Application, Router, send } from 'https://deno.land/x/oak@v12.6.1/mod.ts';
import { join } from 'https://deno.land/std@0.208.0/path/mod.ts';

const ROOT = `${Deno.cwd()}/public`;
const router = new Router();

router.get('/files/:file', async (ctx) => {
  await send(ctx, ctx.params.file, { root: ROOT });
});

const app = new Application();
app.use(router.routes());
await app.listen({ port: 8000 });
