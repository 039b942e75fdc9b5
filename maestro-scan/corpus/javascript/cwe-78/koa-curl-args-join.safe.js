const Koa = require('koa');
const { execFile } = require('child_process');

const app = new Koa();

app.use(async (ctx) => {
  const args = ['-s', '-o', '/dev/null', '-w', '%{http_code}', ctx.query.url];
  const status = await new Promise((resolve) => {
    execFile('curl', args, (err, stdout) => resolve(err ? 'error' : stdout));
  });
  ctx.body = { url: ctx.query.url, status };
});

app.listen(3000);
