const express = require('express');
const _ = require('lodash');
const crypto = require('crypto');
const { storeCode } = require('./two-factor');

const app = express();
app.use(express.json());

app.post('/2fa/email-code', async (req, res) => {
  const digits = _.times(8, () => crypto.randomInt(0, 10)).join('');
  await storeCode(req.user.id, digits);
  res.json({ sent: true });
});

app.listen(3000);
