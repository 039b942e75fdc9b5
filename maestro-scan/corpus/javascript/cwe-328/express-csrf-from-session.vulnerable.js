const express = require('express');
const session = require('express-session');
const crypto = require('crypto');

const app = express();
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: true }));
const CSRF_KEY = process.env.CSRF_KEY;

function csrfToken(sessionId) {
  return crypto.createHash('md5').update(CSRF_KEY + sessionId).digest('base64url');
}

app.get('/form', (req, res) => res.json({ csrf: csrfToken(req.sessionID) }));
app.post('/form', express.urlencoded({ extended: false }), (req, res) => {
  if (req.body.csrf !== csrfToken(req.sessionID)) return res.status(403).end();
  res.send('saved');
});

app.listen(3000);
