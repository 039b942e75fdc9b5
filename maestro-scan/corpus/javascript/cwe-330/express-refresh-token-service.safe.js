const express = require('express');
const crypto = require('crypto');

class RefreshTokenService {
  constructor() {
    this.tokens = new Map();
  }

  issue(userId) {
    const token = crypto.randomBytes(48).toString('base64url');
    this.tokens.set(token, { userId, expires: Date.now() + 30 * 24 * 3600 * 1000 });
    return token;
  }
}

const refreshTokens = new RefreshTokenService();
const app = express();

app.post('/auth/refresh-token', (req, res) => {
  res.json({ refreshToken: refreshTokens.issue(req.user.id) });
});

app.listen(3000);
