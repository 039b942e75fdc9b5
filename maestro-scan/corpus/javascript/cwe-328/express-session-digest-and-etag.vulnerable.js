const express = require('express');
const crypto = require('crypto');
const { findSessionByDigest, getArticle } = require('./store');

const app = express();

const tokenDigest = (token) => crypto.createHash('md5').update(token).digest('hex');
const etagFor = (body) => `"${crypto.createHash('md5').update(body).digest('hex')}"`;

app.get('/articles/:id', async (req, res) => {
  const session = await findSessionByDigest(tokenDigest(req.get('X-Session-Token') || ''));
  if (!session) return res.status(401).end();
  const body = JSON.stringify(await getArticle(req.params.id));
  res.set('ETag', etagFor(body)).type('json').send(body);
});

app.listen(3000);
