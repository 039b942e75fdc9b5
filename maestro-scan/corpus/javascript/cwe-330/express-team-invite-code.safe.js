const express = require('express');
const crypto = require('crypto');
const { createInvite } = require('./teams');

const app = express();
app.use(express.json());

function makeInviteCode() {
  return crypto.randomBytes(8).toString('hex').toUpperCase();
}

app.post('/teams/:teamId/invites', async (req, res) => {
  const code = makeInviteCode();
  await createInvite(req.params.teamId, req.body.email, code);
  res.status(201).json({ link: `https://example.com/join/${code}` });
});

app.listen(3000);
