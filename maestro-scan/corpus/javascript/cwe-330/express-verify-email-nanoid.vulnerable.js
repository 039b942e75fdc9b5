const express = require('express');
const { nanoid } = require('nanoid');
const { setVerificationToken, sendMail } = require('./mail');

const app = express();
app.use(express.json());

function verificationToken() {
  return Array.from({ length: 24 }, () => Math.floor(Math.random() * 36).toString(36)).join('');
}

app.post('/signup', async (req, res) => {
  const token = verificationToken();
  await setVerificationToken(req.body.email, token);
  await sendMail(req.body.email, `Confirm: https://example.com/verify/${token}`);
  res.status(201).json({ id: nanoid() });
});

app.listen(3000);
