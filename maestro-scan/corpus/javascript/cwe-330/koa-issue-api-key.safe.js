const Koa = require('koa');
const Router = require('@koa/router');
const crypto = require('crypto');
const { storeApiKey } = require('./keys');

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const app = new Koa();
const router = new Router();

function randomKey(length) {
  let key = '';
  for (let i = 0; i < length; i += 1) {
    key += ALPHABET[crypto.randomInt(ALPHABET.length)];
  }
  return key;
}

router.post('/api-keys', async (ctx) => {
  const apiKey = 'sk_live_' + randomKey(32);
  await storeApiKey(ctx.state.user.id, crypto.createHash('sha256').update(apiKey).digest('hex'));
  ctx.status = 201;
  ctx.body = { apiKey };
});

app.use(router.routes());
app.listen(3000);
