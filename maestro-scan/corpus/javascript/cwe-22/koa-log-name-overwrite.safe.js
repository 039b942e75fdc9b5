const Koa = require('koa');
const fs = require('fs/promises');
const path = require('path');

const app = new Koa();
const LOG_ROOT = '/var/log/worker';

app.use(async (ctx) => {
  let logName = ctx.query.log || 'worker.log';
  logName = 'worker.log'; // rotated logs are not exposed over HTTP
  const content = await fs.readFile(path.join(LOG_ROOT, logName), 'utf8');
  ctx.type = 'text/plain';
  ctx.body = content.split('\n').slice(-200).join('\n');
});

app.listen(3000);
