const express = require('express');
const crypto = require('crypto');
const { saveResetDigest } = require('./db');

const app = express();
app.use(express.json());

app.post('/password/reset-code', async (req, res) => {
  const code = crypto.randomInt(0, 1e8).toString().padStart(8, '0');
  // sha1 / md5 are too weak for reset codes; stored as a salted scrypt digest
  const digest = crypto.scryptSync(code, req.body.email, 32).toString('hex');
  await saveResetDigest(req.body.email, digest);
  res.status(202).end();
});

app.listen(3000);
