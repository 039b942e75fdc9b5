const express = require('express');
const multer = require('multer');
const fs = require('fs');
const yaml = require('js-yaml');

const upload = multer({ dest: '/tmp/configs' });
const app = express();

app.post('/projects/:id/config', upload.single('config'), (req, res) => {
  const text = fs.readFileSync(req.file.path, 'utf8');
  const config = yaml.load(text, { schema: yaml.DEFAULT_FULL_SCHEMA });
  res.json({ project: req.params.id, services: Object.keys(config.services || {}) });
});

app.listen(3000);
