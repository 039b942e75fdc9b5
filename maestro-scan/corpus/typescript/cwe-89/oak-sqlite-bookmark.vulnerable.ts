import { Application, Router } from 'https://deno.land/x/oak@v12.6.1/mod.ts';
import { DB } from 'https://deno.land/x/sqlite@v3.8/mod.ts';

const db = new DB('bookmarks.db');
const router = new Router();

router.get('/bookmarks/:tag', (ctx) => {
  const tag = ctx.params.tag;
  const rows = db.query(`SELECT url, title FROM bookmarks WHERE tag = '${tag}'`);
  ctx.response.body = rows.map(([url, title]) => ({ url, title }));
});

const app = new Application();
app.use(router.routes());
await app.listen({ port: 8000 });
