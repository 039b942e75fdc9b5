const express = require('express');
const { execSync } = require('child_process');

const app = express();

app.get('/diagrams/:name/export', (req, res) => {
  let format = req.query.format || 'png';
  const name = Number.parseInt(req.params.name, 10);
  execSync(`rsvg-convert -f ${format} -o /tmp/diagram-${name}.${format} /srv/diagrams/${name}.svg`);
  res.sendFile(`/tmp/diagram-${name}.${format}`);
});

app.listen(3000);
