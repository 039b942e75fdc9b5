const express = require('express');
const devalue = require('devalue');

const app = express();
app.use(express.json());

app.post('/editor/restore', (req, res) => {
  const snapshot = req.body.snapshot;
  const doc = devalue.parse(snapshot);
  doc.restoredAt = new Date();
  res.json({ title: doc.title, saved: devalue.stringify(doc) });
});

app.listen(3000);
