const Koa = require('koa');

const app = new Koa();

app.use(async (ctx) => {
  const name = ctx.query.name || 'stranger';
  ctx.type = 'html';
  ctx.body = `<p>Hello, ${name}!</p>`;
});

app.listen(3000);
