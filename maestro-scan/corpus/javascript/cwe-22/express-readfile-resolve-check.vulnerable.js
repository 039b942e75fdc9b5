const express = require('express');
const fs = require('fs');
const path = require('path');

const app = express();
const NOTES_DIR = path.resolve(__dirname, 'notes');

app.get('/notes/:name', (req, res) => {
  const notePath = path.join(NOTES_DIR, req.params.name);
  fs.readFile(notePath, 'utf8', (err, text) => {
    if (err) return res.status(404).end();
    res.type('text/markdown').send(text);
  });
});

app.listen(3000);
