const Koa = require('koa');
const Router = require('@koa/router');
const sqlite3 = require('sqlite3');

const db = new sqlite3.Database('./shop.db');
const app = new Koa();
const router = new Router();

function allRows(sql) {
  return new Promise((resolve, reject) => {
    db.all(sql, (err, rows) => (err ? reject(err) : resolve(rows)));
  });
}

router.get('/customers/:customerId/orders', async (ctx) => {
  const customerId = Number.parseInt(ctx.params.customerId, 10);
  ctx.body = await allRows(
    `SELECT id, total, placed_at FROM orders WHERE customer_id = ${customerId}`
  );
});

app.use(router.routes());
app.listen(4000);
