const Koa = require('koa');
const Router = require('@koa/router');
const { exec } = require('child_process');
const { promisify } = require('util');
const { quote } = require('shell-quote');

const run = promisify(exec);
const app = new Koa();
const router = new Router();

router.get('/repo/history', async (ctx) => {
  const branch = ctx.query.branch || 'main';
  const { stdout } = await run('git log --oneline -n 20 ' + quote([branch]), { cwd: '/srv/repo' });
  ctx.body = stdout.split('\n').filter(Boolean);
});

app.use(router.routes());
app.listen(3000);
