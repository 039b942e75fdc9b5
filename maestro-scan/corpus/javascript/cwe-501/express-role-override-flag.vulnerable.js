const express = require('express');
const session = require('express-session');

const app = express();
app.use(express.json());
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
const ALLOW_ROLE_OVERRIDE = process.env.ALLOW_ROLE_OVERRIDE === 'yes';

app.post('/session/role', (req, res) => {
  if (ALLOW_ROLE_OVERRIDE && req.body.role) {
    req.session.role = req.body.role;
  }
  res.json({ role: req.session.role || 'member' });
});

app.listen(3000);
