const express = require('express');
const md5 = require('md5');
const { updatePassword } = require('./db');

const app = express();
app.use(express.json());

app.post('/account/password', async (req, res) => {
  if (req.body.newPassword.length < 10) {
    return res.status(400).json({ error: 'password too short' });
  }
  await updatePassword(req.user.id, md5(req.body.newPassword));
  res.json({ changed: true });
});

app.listen(3000);
