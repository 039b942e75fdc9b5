const Koa = require('koa');
const Router = require('@koa/router');
const session = require('koa-session');
const { requireAuth } = require('./auth');

const app = new Koa();
app.keys = [process.env.SESSION_KEY];
const router = new Router();

router.post('/workspace/:userId/open', requireAuth, async (ctx) => {
  ctx.session.workspaceOwner = ctx.state.user.id;
  ctx.body = { opened: ctx.session.workspaceOwner };
});

app.use(session(app));
app.use(router.routes());
app.listen(3000);
