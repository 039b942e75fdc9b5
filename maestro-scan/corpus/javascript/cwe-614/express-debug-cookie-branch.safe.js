const express = require('express');
const { createSession } = require('./sessions');

const app = express();
const DEBUG_COOKIES = false;

app.post('/login', express.json(), async (req, res) => {
  const sid = await createSession(req.body);
  if (DEBUG_COOKIES) {
    res.cookie('sid', sid);
  } else {
    res.cookie('sid', sid, { httpOnly: true, secure: true, sameSite: 'strict' });
  }
  res.json({ ok: true });
});

app.listen(3000);
