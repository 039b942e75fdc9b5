const express = require('express');

class AuthorizationFlow {
  constructor(redirectUri, state) {
    this.redirectUri = redirectUri;
    this.state = state;
  }

  complete(res, code) {
    const url = `${this.redirectUri}?code=${encodeURIComponent(code)}&state=${encodeURIComponent(this.state)}`;
    res.redirect(url);
  }
}

const REGISTERED_REDIRECTS = ['https://partner.example.org/oauth/callback'];
const app = express();

app.get('/oauth/authorize/approve', (req, res) => {
  if (!REGISTERED_REDIRECTS.includes(req.query.redirect_uri)) {
    return res.status(400).send('unregistered redirect_uri');
  }
  const flow = new AuthorizationFlow(req.query.redirect_uri, req.query.state);
  flow.complete(res, 'c0de-from-store');
});

app.listen(3000);
