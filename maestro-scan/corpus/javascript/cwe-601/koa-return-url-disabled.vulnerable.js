const Koa = require('koa');
const bodyParser = require('koa-bodyparser');

const HONOR_RETURN_URL = process.env.HONOR_RETURN_URL !== 'false';
const app = new Koa();
app.use(bodyParser());

app.use(async (ctx) => {
  if (ctx.path === '/profile' && ctx.method === 'POST') {
    const returnUrl = ctx.request.body.returnUrl;
    ctx.redirect(HONOR_RETURN_URL && returnUrl ? returnUrl : '/account');
  }
});

app.listen(3000);
