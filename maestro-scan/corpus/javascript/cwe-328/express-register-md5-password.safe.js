const express = require('express');
const bcrypt = require('bcrypt');
const { insertUser } = require('./db');

const app = express();
app.use(express.json());

app.post('/register', async (req, res) => {
  const { email, password } = req.body;
  const passwordHash = await bcrypt.hash(password, 12);
  const user = await insertUser({ email, passwordHash });
  res.status(201).json({ id: user.id });
});

app.listen(3000);
