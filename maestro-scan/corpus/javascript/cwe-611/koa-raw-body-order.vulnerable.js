const Koa = require('koa');
const getRawBody = require('raw-body');
const libxmljs = require('libxmljs');

const app = new Koa();

app.use(async (ctx) => {
  if (!ctx.is('application/xml')) ctx.throw(415);
  const xml = await getRawBody(ctx.req, { encoding: 'utf8', limit: '1mb' });
  const order = libxmljs.parseXml(xml, { noent: true });
  const items = order.find('//item').map((item) => item.attr('sku').value());
  ctx.body = { received: items.length, items };
});

app.listen(3000);
