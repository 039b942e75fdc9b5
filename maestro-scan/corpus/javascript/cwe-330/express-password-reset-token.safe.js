const express = require('express');
const crypto = require('crypto');
const { findUserByEmail, saveResetToken, sendResetMail } = require('./users');

const app = express();
app.use(express.json());

app.post('/password/forgot', async (req, res) => {
  const user = await findUserByEmail(req.body.email);
  if (user) {
    const token = crypto.randomBytes(32).toString('hex');
    const tokenHash = crypto.createHash('sha256').update(token).digest('hex');
    await saveResetToken(user.id, tokenHash, Date.now() + 3600 * 1000);
    await sendResetMail(user.email, `https://example.com/reset?token=${token}`);
  }
  res.status(202).json({ ok: true });
});

app.listen(3000);
