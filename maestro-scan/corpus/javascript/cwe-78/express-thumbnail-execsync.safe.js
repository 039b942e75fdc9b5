const express = require('express');
const path = require('path');
const { execFileSync } = require('child_process');

const app = express();
app.use(express.json());
const UPLOADS = '/srv/uploads';

app.post('/thumbnails', (req, res) => {
  const filename = req.body.filename;
  const source = path.join(UPLOADS, filename);
  const target = path.join(UPLOADS, 'thumbs', filename);
  execFileSync('convert', [source, '-resize', '200x200', target]);
  res.status(201).json({ thumbnail: `/thumbs/${filename}` });
});

app.listen(3000);
