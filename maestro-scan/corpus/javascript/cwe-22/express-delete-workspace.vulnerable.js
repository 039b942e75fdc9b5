const express = require('express');
const fs = require('fs');
const path = require('path');

const app = express();
const WORKSPACES = '/srv/workspaces';

app.delete('/workspaces/:name', (req, res) => {
  const name = req.params.name;
  fs.rmSync(path.join(WORKSPACES, name), { recursive: true, force: true });
  res.status(204).end();
});

app.listen(3000);
