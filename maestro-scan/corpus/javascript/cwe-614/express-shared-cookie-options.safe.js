const express = require('express');
const { startSession } = require('./sessions');

const COOKIE_OPTIONS = { path: '/', sameSite: 'lax', domain: '.example.com', httpOnly: true, secure: true };
const app = express();

app.post('/sso/complete', async (req, res) => {
  const session = await startSession(req.query.ticket);
  res.cookie('sso_session', session.id, { ...COOKIE_OPTIONS, maxAge: session.ttlMs });
  res.redirect('/');
});

app.listen(3000);
