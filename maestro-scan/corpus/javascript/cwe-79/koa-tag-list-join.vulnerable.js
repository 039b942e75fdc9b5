const Koa = require('koa');
const escapeHtml = require('escape-html');

const app = new Koa();

app.use(async (ctx) => {
  const tags = String(ctx.query.tags || '').split(',').filter(Boolean);
  const parts = ['<ul class="tags">'];
  for (const tag of tags) {
    parts.push('<li>' + tag + '</li>');
  }
  parts.push('</ul>');
  ctx.body = parts.join('');
});

app.listen(3000);
