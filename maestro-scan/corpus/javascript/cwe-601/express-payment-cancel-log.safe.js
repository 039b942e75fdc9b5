const express = require('express');
const logger = require('./logger');

const app = express();

app.get('/payments/cancelled', (req, res) => {
  const url = req.query.url;
  logger.info('payment cancelled', { order: req.query.order });
  if (url) logger.warn('not redirecting to caller-supplied url: ' + url);
  res.redirect('/cart');
});

app.listen(3000);
