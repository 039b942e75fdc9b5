const Koa = require('koa');
const session = require('koa-session');

const app = new Koa();
app.keys = [process.env.SESSION_KEY];
app.proxy = true;

const CONFIG = {
  key: 'app.sess',
  maxAge: 86400000,
  httpOnly: true,
  signed: true,
  secure: true,
};

app.use(session(CONFIG, app));
app.use(async (ctx) => {
  ctx.session.visits = (ctx.session.visits || 0) + 1;
  ctx.body = { visits: ctx.session.visits };
});

app.listen(3000);
