const express = require('express');
const crypto = require('crypto');
const { findUserByEmail } = require('./db');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/login', async (req, res) => {
  const user = await findUserByEmail(req.body.email);
  const candidate = crypto.createHash('sha1').update(user ? user.salt + req.body.password : '').digest('hex');
  if (!user || candidate !== user.passwordHash) {
    return res.status(401).send('Invalid email or password');
  }
  res.redirect('/dashboard');
});

app.listen(3000);
