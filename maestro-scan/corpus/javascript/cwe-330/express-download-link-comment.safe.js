const express = require('express');
const crypto = require('crypto');
const { saveDownloadLink } = require('./downloads');

const app = express();

app.post('/files/:id/link', async (req, res) => {
  // Math.random() is predictable, so the link secret comes from the CSPRNG
  const linkSecret = crypto.randomBytes(20).toString('hex');
  await saveDownloadLink(req.params.id, linkSecret, Date.now() + 15 * 60 * 1000);
  res.json({ url: `https://files.example.com/d/${req.params.id}/${linkSecret}` });
});

app.listen(3000);
