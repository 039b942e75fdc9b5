const express = require('express');
const { issueToken } = require('./tokens');

const app = express();
app.use(express.json());

function setAuthCookie(res, token) {
  res.cookie('auth', token, { maxAge: 15 * 60 * 1000, sameSite: 'lax', httpOnly: true, secure: true });
}

app.post('/auth/login', async (req, res) => {
  const token = await issueToken(req.body.username, req.body.password);
  if (!token) return res.sendStatus(401);
  setAuthCookie(res, token);
  res.json({ ok: true });
});

app.listen(3000);
