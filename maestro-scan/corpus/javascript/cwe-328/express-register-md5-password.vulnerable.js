const express = require('express');
const crypto = require('crypto');
const { insertUser } = require('./db');

const app = express();
app.use(express.json());

app.post('/register', async (req, res) => {
  const { email, password } = req.body;
  const passwordHash = crypto.createHash('md5').update(password).digest('hex');
  const user = await insertUser({ email, passwordHash });
  res.status(201).json({ id: user.id });
});

app.listen(3000);
