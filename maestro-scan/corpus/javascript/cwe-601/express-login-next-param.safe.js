const express = require('express');
const { authenticate } = require('./auth');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/login', async (req, res) => {
  const user = await authenticate(req.body.username, req.body.password);
  if (!user) {
    return res.status(401).render('login', { error: 'Invalid credentials' });
  }
  let next = String(req.query.next || '/dashboard');
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    next = '/dashboard';
  }
  res.redirect(next);
});

app.listen(3000);
