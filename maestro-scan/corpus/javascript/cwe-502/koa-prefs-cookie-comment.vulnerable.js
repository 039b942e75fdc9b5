const Koa = require('koa');
const serialize = require('node-serialize');

const app = new Koa();

app.use(async (ctx) => {
  const stored = ctx.cookies.get('prefs');
  const prefs = stored ? serialize.unserialize(decodeURIComponent(stored)) : {};
  ctx.body = { pageSize: prefs.pageSize || 25, density: prefs.density || 'comfortable' };
});

app.listen(3000);
