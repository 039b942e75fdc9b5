const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const { login } = require('./auth');

const app = new Koa();
const router = new Router();

router.post('/login', async (ctx) => {
  const token = await login(ctx.request.body.username, ctx.request.body.password);
  if (!token) ctx.throw(401);
  ctx.cookies.set('auth_token', token, { httpOnly: false, maxAge: 3600 * 1000 });
  ctx.body = { ok: true };
});

app.use(bodyParser());
app.use(router.routes());
app.listen(3000);
