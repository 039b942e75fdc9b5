const Koa = require('koa');
const Router = require('@koa/router');

const SELF_ORIGIN = 'https://shop.example.com';
const app = new Koa();
const router = new Router();

router.get('/cart/checkout-complete', (ctx) => {
  const target = ctx.query.url || '/orders';
  ctx.redirect(target);
});

app.use(router.routes());
app.listen(3000);
