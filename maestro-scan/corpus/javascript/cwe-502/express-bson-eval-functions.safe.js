const express = require('express');
const BSON = require('bson');

const app = express();
app.use(express.raw({ type: 'application/bson', limit: '1mb' }));

app.post('/sync/documents', (req, res) => {
  const doc = BSON.deserialize(req.body, { evalFunctions: false });
  res.json({ id: String(doc._id), fields: Object.keys(doc).length });
});

app.listen(3000);
