const express = require('express');
const queue = require('./queue');

const app = express();
app.use(express.json());

app.post('/jobs', (req, res) => {
  const job = { name: String(req.body.job.name), args: JSON.parse(JSON.stringify(req.body.job.args || [])) };
  queue.push(job);
  res.status(202).json({ queued: job.name });
});

app.listen(3000);
