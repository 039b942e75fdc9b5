const express = require('express');
const session = require('express-session');
const { verifyPassword } = require('./users');

const app = express();
app.use(express.urlencoded({ extended: false }));
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));

app.post('/login', async (req, res) => {
  const user = await verifyPassword(req.body.username, req.body.password);
  if (!user) return res.status(401).send('Invalid credentials');
  req.session.userId = user.id;
  req.session.role = req.body.role;
  res.redirect('/dashboard');
});

app.listen(3000);
