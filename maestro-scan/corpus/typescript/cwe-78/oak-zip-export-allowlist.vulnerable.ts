import { Application, Router } from 'https://deno.land/x/oak@v12.6.1/mod.ts';

const EXPORTABLE = new Set(['reports', 'invoices', 'receipts']);
const router = new Router();

router.post('/exports/:folder', async (ctx) => {
  const folder = ctx.params.folder;
  const cmd = new Deno.Command('bash', {
    args: ['-c', `cd /srv/data && zip -qr /tmp/${folder}.zip ${folder}`],
  });
  const { success } = await cmd.output();
  ctx.response.status = success ? 201 : 500;
  ctx.response.body = { archive: `${folder}.zip` };
});

const app = new Application();
app.use(router.routes());
await app.listen({ port: 8000 });
