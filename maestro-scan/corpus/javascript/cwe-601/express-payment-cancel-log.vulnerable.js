const express = require('express');
const logger = require('./logger');

const app = express();

app.get('/payments/cancelled', (req, res) => {
  const url = req.query.url;
  logger.info('payment cancelled', { order: req.query.order });
  res.redirect(url || '/cart');
});

app.listen(3000);
