const Koa = require('koa');
const bodyParser = require('koa-bodyparser');

const app = new Koa();
app.use(bodyParser());

const REPORT_COLUMNS = ['revenue', 'cost', 'units', 'region'];

app.use(async (ctx) => {
  const { rows, column } = ctx.request.body;
  const pick = new Function('row', 'return row.' + column + ';');
  ctx.body = rows.map(pick);
});

app.listen(3000);
