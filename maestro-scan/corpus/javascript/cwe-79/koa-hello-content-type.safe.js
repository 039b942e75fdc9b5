const Koa = require('koa');

const app = new Koa();

app.use(async (ctx) => {
  const name = ctx.query.name || 'stranger';
  ctx.type = 'text/plain';
  ctx.body = `Hello, ${name}!`;
});

app.listen(3000);
