const Koa = require('koa');
const getRawBody = require('raw-body');
const xml2js = require('xml2js');

const app = new Koa();

app.use(async (ctx) => {
  if (!ctx.is('application/xml')) ctx.throw(415);
  const xml = await getRawBody(ctx.req, { encoding: 'utf8', limit: '1mb' });
  const order = await xml2js.parseStringPromise(xml);
  const items = ((order.order && order.order.item) || []).map((item) => item.$.sku);
  ctx.body = { received: items.length, items };
});

app.listen(3000);
