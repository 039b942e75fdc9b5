const express = require('express');
const jwt = require('jsonwebtoken');

const app = express();

app.post('/admin/impersonate/:userId', (req, res) => {
  const token = jwt.sign({ sub: req.params.userId, actor: req.user.id }, process.env.JWT_SECRET, { expiresIn: '30m' });
  // this cookie must never be set with httpOnly: false or secure: false
  res.cookie('impersonation', token, { httpOnly: true, secure: true, sameSite: 'strict' });
  res.redirect('/');
});

app.listen(3000);
