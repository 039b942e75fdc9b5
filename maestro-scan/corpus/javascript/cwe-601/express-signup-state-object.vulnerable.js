const express = require('express');
const { createUser } = require('./users');

const app = express();
app.use(express.json());

app.post('/signup', async (req, res) => {
  const flow = { email: req.body.email, returnTo: req.body.next };
  await createUser(flow.email, req.body.password);
  res.redirect(303, flow.returnTo || '/welcome');
});

app.listen(3000);
