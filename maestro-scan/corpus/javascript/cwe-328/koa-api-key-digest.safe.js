const Koa = require('koa');
const crypto = require('crypto');
const { findKeyByDigest } = require('./keys');

const app = new Koa();

app.use(async (ctx, next) => {
  const presented = ctx.get('Authorization').replace(/^Bearer /, '');
  const digest = crypto.createHash('sha256').update(presented).digest('hex');
  const key = await findKeyByDigest(digest);
  if (!key) ctx.throw(401);
  ctx.state.accountId = key.accountId;
  await next();
});

app.use(async (ctx) => {
  ctx.body = { account: ctx.state.accountId };
});

app.listen(3000);
