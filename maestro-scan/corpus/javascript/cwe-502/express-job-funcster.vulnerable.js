const express = require('express');
const funcster = require('funcster');
const queue = require('./queue');

const app = express();
app.use(express.json());

app.post('/jobs', (req, res) => {
  const job = funcster.deepDeserialize(req.body.job);
  queue.push(job);
  res.status(202).json({ queued: job.name });
});

app.listen(3000);
