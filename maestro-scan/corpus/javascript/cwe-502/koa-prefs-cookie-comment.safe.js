const Koa = require('koa');

const app = new Koa();

app.use(async (ctx) => {
  const stored = ctx.cookies.get('prefs');
  // node-serialize's unserialize() would run functions embedded in the cookie; JSON only.
  const prefs = stored ? JSON.parse(decodeURIComponent(stored)) : {};
  ctx.body = { pageSize: prefs.pageSize || 25, density: prefs.density || 'comfortable' };
});

app.listen(3000);
