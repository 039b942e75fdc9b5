const express = require('express');
const jwt = require('jsonwebtoken');

const app = express();

app.post('/admin/impersonate/:userId', (req, res) => {
  const token = jwt.sign({ sub: req.params.userId, actor: req.user.id }, process.env.JWT_SECRET, { expiresIn: '30m' });
  res.cookie('impersonation', token, { httpOnly: false, secure: false, sameSite: 'strict' });
  res.redirect('/');
});

app.listen(3000);
