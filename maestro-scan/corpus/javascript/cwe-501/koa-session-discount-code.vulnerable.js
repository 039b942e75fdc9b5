const Koa = require('koa');
const session = require('koa-session');
const bodyParser = require('koa-bodyparser');

const COUPONS = { WELCOME10: 10, SPRING15: 15 };
const app = new Koa();
app.keys = [process.env.SESSION_KEY];
app.use(session(app));
app.use(bodyParser());

app.use(async (ctx) => {
  if (ctx.path === '/cart/discount' && ctx.method === 'POST') {
    ctx.session.discountPercent = ctx.request.body.discountPercent;
    ctx.body = { applied: ctx.session.discountPercent };
  }
});

app.listen(3000);
