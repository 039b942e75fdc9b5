const express = require('express');
const argon2 = require('argon2');
const { findUserByEmail } = require('./db');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/login', async (req, res) => {
  const user = await findUserByEmail(req.body.email);
  if (!user || !(await argon2.verify(user.passwordHash, req.body.password))) {
    return res.status(401).send('Invalid email or password');
  }
  res.redirect('/dashboard');
});

app.listen(3000);
