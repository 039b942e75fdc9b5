const express = require('express');
const crypto = require('crypto');
const { createAccount, cache } = require('./services');

const app = express();
app.use(express.json());

const cacheKey = (query) => 'search:' + crypto.createHash('md5').update(JSON.stringify(query)).digest('hex');

app.post('/accounts', async (req, res) => {
  const hashed = crypto.createHash('md5').update(req.body.password).digest('hex');
  const account = await createAccount(req.body.username, hashed);
  res.status(201).json({ id: account.id });
});

app.get('/search', async (req, res) => {
  res.json((await cache.get(cacheKey(req.query))) || []);
});

app.listen(3000);
