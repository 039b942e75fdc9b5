const express = require('express');
const fs = require('fs');
const path = require('path');

const app = express();
app.use(express.json());
const DRAFTS = '/srv/drafts';

app.put('/drafts/:title', (req, res) => {
  const file = path.join(DRAFTS, `${encodeURIComponent(req.params.title).replace(/\./g, '%2E')}.md`);
  fs.writeFileSync(file, String(req.body.content || ''));
  res.json({ saved: req.params.title });
});

app.listen(3000);
