const express = require('express');
const crypto = require('crypto');
const { verifyCredentials, createSession } = require('./auth');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/login', async (req, res) => {
  const user = await verifyCredentials(req.body.email, req.body.password);
  if (!user) return res.status(401).send('Invalid credentials');
  const sessionId = crypto.randomBytes(32).toString('hex');
  await createSession(sessionId, user.id);
  res.cookie('session', sessionId, { httpOnly: true, secure: true, sameSite: 'lax' });
  res.redirect('/app');
});

app.listen(3000);
