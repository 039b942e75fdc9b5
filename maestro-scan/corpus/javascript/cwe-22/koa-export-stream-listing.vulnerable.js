const Koa = require('koa');
const Router = require('@koa/router');
const fs = require('fs');

const EXPORT_DIR = '/var/lib/app/exports';
const app = new Koa();
const router = new Router();

router.get('/exports', async (ctx) => {
  const name = ctx.query.name;
  ctx.attachment(name);
  ctx.body = fs.createReadStream(`${EXPORT_DIR}/${name}`);
});

app.use(router.routes());
app.listen(3000);
