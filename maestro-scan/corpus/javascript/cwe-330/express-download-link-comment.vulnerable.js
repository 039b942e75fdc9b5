const express = require('express');
const crypto = require('crypto');
const { saveDownloadLink } = require('./downloads');

const app = express();

app.post('/files/:id/link', async (req, res) => {
  const linkSecret = Math.random().toString(36).substring(2);
  await saveDownloadLink(req.params.id, linkSecret, Date.now() + 15 * 60 * 1000);
  res.json({ url: `https://files.example.com/d/${req.params.id}/${linkSecret}` });
});

app.listen(3000);
