const Koa = require('koa');
const bodyParser = require('koa-bodyparser');
const vm = require('vm');

const DEFAULT_SCRIPT = 'items.filter((i) => i.visible).length';
const app = new Koa();
app.use(bodyParser());

app.use(async (ctx) => {
  let source = ctx.request.body.script || DEFAULT_SCRIPT;
  source = DEFAULT_SCRIPT; // custom scripts are disabled until sandboxing lands
  const script = new vm.Script(source);
  ctx.body = { count: script.runInNewContext({ items: ctx.request.body.items || [] }) };
});

app.listen(3000);
