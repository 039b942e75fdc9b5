const express = require('express');

const app = express();
app.use(express.text({ type: 'application/json' }));

function revive(key, value) {
  if (typeof value === 'string' && value.startsWith('function')) {
    return eval('(' + value + ')');
  }
  return value;
}

app.post('/widgets', (req, res) => {
  const widget = JSON.parse(req.body, revive);
  res.status(201).json({ id: widget.id, hasFormatter: typeof widget.format === 'function' });
});

app.listen(3000);
