const express = require('express');
const jwt = require('jsonwebtoken');

const app = express();
app.use(express.json());

app.post('/api/token', (req, res) => {
  const token = jwt.sign({ sub: req.user.id, role: req.user.role }, process.env.JWT_SECRET, { expiresIn: '1h' });
  res.cookie('access_token', token, {
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    maxAge: 60 * 60 * 1000,
  });
  res.json({ ok: true });
});

app.listen(3000);
