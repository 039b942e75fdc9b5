const Koa = require('koa');
const bodyParser = require('koa-bodyparser');
const util = require('util');
const mysql = require('mysql');

const pool = mysql.createPool({ host: 'db', user: 'crm', database: 'crm' });
const app = new Koa();
app.use(bodyParser());

app.use(async (ctx) => {
  const company = ctx.request.body.company;
  const sql = util.format('SELECT id, contact FROM leads WHERE company = %s', mysql.escape(company));
  ctx.body = await new Promise((resolve, reject) => {
    pool.query(sql, (err, rows) => (err ? reject(err) : resolve(rows)));
  });
});

app.listen(3000);
