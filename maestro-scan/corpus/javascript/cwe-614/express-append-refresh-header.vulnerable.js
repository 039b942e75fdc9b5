const express = require('express');
const { rotateRefreshToken } = require('./tokens');

const app = express();

app.post('/auth/refresh', async (req, res) => {
  const { accessToken, refreshToken } = await rotateRefreshToken(req.get('Cookie'));
  res.append('Set-Cookie', `refresh_token=${refreshToken}; Path=/auth; Max-Age=2592000; SameSite=Strict`);
  res.json({ accessToken });
});

app.listen(3000);
