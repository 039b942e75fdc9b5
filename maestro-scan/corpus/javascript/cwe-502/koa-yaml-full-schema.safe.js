const Koa = require('koa');
const bodyParser = require('koa-bodyparser');
const yaml = require('js-yaml');

const app = new Koa();
app.use(bodyParser({ enableTypes: ['text'], extendTypes: { text: ['application/x-yaml'] } }));

app.use(async (ctx) => {
  const pipeline = yaml.safeLoad(ctx.request.body);
  ctx.body = {
    name: pipeline.name,
    stages: (pipeline.stages || []).map((s) => s.name),
  };
});

app.listen(3000);
