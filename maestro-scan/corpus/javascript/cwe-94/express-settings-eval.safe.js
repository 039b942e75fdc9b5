const express = require('express');

const app = express();
app.use(express.urlencoded({ extended: true }));

const dashboards = new Map();

app.post('/dashboards/:id/settings', (req, res) => {
  const settings = JSON.parse(req.body.settings);
  dashboards.set(req.params.id, {
    refreshSeconds: settings.refreshSeconds || 60,
    widgets: settings.widgets || [],
  });
  res.json(dashboards.get(req.params.id));
});

app.listen(3000);
