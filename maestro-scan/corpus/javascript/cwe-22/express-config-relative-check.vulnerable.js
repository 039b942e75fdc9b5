const express = require('express');
const fs = require('fs');
const path = require('path');

const app = express();
app.use(express.json());
const CONFIG_DIR = path.resolve('/etc/myapp/profiles');

app.post('/profiles/load', async (req, res) => {
  const full = path.resolve(CONFIG_DIR, req.body.path);
  const profile = await fs.promises.readFile(full, 'utf8');
  res.json(JSON.parse(profile));
});

app.listen(3000);
