const Koa = require('koa');
const Router = require('@koa/router');
const fs = require('fs');
const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');

const doc = new DOMParser().parseFromString(fs.readFileSync('library.xml', 'utf8'), 'text/xml');
const app = new Koa();
const router = new Router();

router.get('/books/:id', (ctx) => {
  const id = ctx.params.id;
  const title = xpath.select(`string(/library/book[@id=${id}]/title)`, doc);
  ctx.body = { id, title };
});

app.use(router.routes());
app.listen(3000);
