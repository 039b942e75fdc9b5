const Koa = require('koa');
const Router = require('@koa/router');

const SELF_ORIGIN = 'https://shop.example.com';
const app = new Koa();
const router = new Router();

router.get('/cart/checkout-complete', (ctx) => {
  const target = new URL(ctx.query.url || '/orders', SELF_ORIGIN);
  ctx.redirect(target.origin === SELF_ORIGIN ? target.pathname + target.search : '/orders');
});

app.use(router.routes());
app.listen(3000);
