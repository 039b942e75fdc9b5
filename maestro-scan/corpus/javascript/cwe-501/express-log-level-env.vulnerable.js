const express = require('express');
const logger = require('./logger');

const app = express();
const LOG_LEVELS = ['error', 'warn', 'info', 'debug'];

app.post('/ops/log-level', (req, res) => {
  const level = req.query.level;
  process.env.LOG_LEVEL = level;
  logger.level = process.env.LOG_LEVEL;
  res.json({ level: process.env.LOG_LEVEL });
});

app.listen(3000);
