const express = require('express');
const fs = require('fs');
const path = require('path');

class TemplateStore {
  constructor(dir) {
    this.dir = dir;
  }

  load(name) {
    return fs.readFileSync(path.join(this.dir, path.basename(name) + '.html'), 'utf8');
  }
}

const templates = new TemplateStore(path.join(__dirname, 'email-templates'));
const app = express();

app.get('/admin/email-preview', (req, res) => {
  res.type('text/html').send(templates.load(req.query.template));
});

app.listen(3000);
