const express = require('express');
const crypto = require('crypto');
const { saveRememberToken } = require('./auth');

const app = express();

app.post('/login/remember', async (req, res) => {
  const user = req.user;
  const token = crypto.randomBytes(32).toString('hex');
  await saveRememberToken(user.id, crypto.createHash('md5').update(token).digest('hex'));
  const avatarHash = crypto.createHash('md5').update(user.email.trim().toLowerCase()).digest('hex');
  res.cookie('remember', token, { httpOnly: true, secure: true, maxAge: 30 * 86400000 });
  res.json({ avatar: `https://www.gravatar.com/avatar/${avatarHash}` });
});

app.listen(3000);
