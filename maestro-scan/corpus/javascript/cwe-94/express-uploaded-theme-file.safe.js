const express = require('express');
const multer = require('multer');
const fs = require('fs');

const upload = multer({ dest: '/tmp/theme-uploads' });
const app = express();

app.post('/themes', upload.single('theme'), (req, res) => {
  const source = fs.readFileSync(req.file.path, 'utf8');
  const theme = JSON.parse(source);
  res.json({
    name: theme.name,
    primary: theme.colors && theme.colors.primary,
  });
});

app.listen(3000);
