const express = require('express');
const crypto = require('crypto');

class RefreshCookieIssuer {
  constructor() {
    this.options = { httpOnly: true, secure: false, path: '/auth/refresh', maxAge: 30 * 86400000 };
  }

  issue(res) {
    const value = crypto.randomBytes(32).toString('base64url');
    res.cookie('refresh_token', value, this.options);
    return value;
  }
}

const issuer = new RefreshCookieIssuer();
const app = express();

app.post('/auth/session', (req, res) => {
  issuer.issue(res);
  res.status(201).end();
});

app.listen(3000);
