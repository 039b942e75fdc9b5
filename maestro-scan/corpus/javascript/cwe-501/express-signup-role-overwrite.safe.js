const express = require('express');
const session = require('express-session');
const { createUser } = require('./users');

const app = express();
app.use(express.json());
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));

app.post('/signup', async (req, res) => {
  let role = req.body.role || 'viewer';
  role = 'viewer'; // self-service signups always start as viewers
  const user = await createUser(req.body.email, req.body.password);
  req.session.userId = user.id;
  req.session.role = role;
  res.status(201).json({ id: user.id, role });
});

app.listen(3000);
