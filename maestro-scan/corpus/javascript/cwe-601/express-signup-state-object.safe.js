const express = require('express');
const { createUser } = require('./users');

const app = express();
app.use(express.json());

app.post('/signup', async (req, res) => {
  const next = String(req.body.next || '');
  const isLocal = next.startsWith('/') && !next.startsWith('//') && !next.includes('\\');
  const flow = { email: req.body.email, returnTo: isLocal ? next : null };
  await createUser(flow.email, req.body.password);
  res.redirect(303, flow.returnTo || '/welcome');
});

app.listen(3000);
