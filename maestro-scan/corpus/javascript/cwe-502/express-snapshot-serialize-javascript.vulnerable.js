const express = require('express');
const serialize = require('serialize-javascript');

const app = express();
app.use(express.json());

app.post('/editor/restore', (req, res) => {
  const snapshot = req.body.snapshot;
  const doc = eval('(' + snapshot + ')');
  doc.restoredAt = new Date();
  res.json({ title: doc.title, saved: serialize(doc) });
});

app.listen(3000);
