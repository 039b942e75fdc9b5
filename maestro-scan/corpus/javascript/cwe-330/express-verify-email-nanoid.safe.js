const express = require('express');
const { nanoid } = require('nanoid');
const { setVerificationToken, sendMail } = require('./mail');

const app = express();
app.use(express.json());

function verificationToken() {
  return nanoid(32);
}

app.post('/signup', async (req, res) => {
  const token = verificationToken();
  await setVerificationToken(req.body.email, token);
  await sendMail(req.body.email, `Confirm: https://example.com/verify/${token}`);
  res.status(201).json({ id: nanoid() });
});

app.listen(3000);
