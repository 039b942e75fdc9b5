const Koa = require('koa');
const Router = require('@koa/router');
const multer = require('@koa/multer');
const libxmljs = require('libxmljs2');

const app = new Koa();
const router = new Router();
const upload = multer({ storage: multer.memoryStorage() });

router.post('/tracks', upload.single('gpx'), (ctx) => {
  const doc = libxmljs.parseXml(ctx.file.buffer.toString('utf8'), { noent: false, nonet: true });
  const ns = { gpx: 'http://www.topografix.com/GPX/1/1' };
  ctx.body = { points: doc.find('//gpx:trkpt', ns).length };
});

app.use(router.routes());
app.listen(3000);
