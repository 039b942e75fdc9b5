const express = require('express');
const { refreshFeed } = require('./feeds');

const app = express();
global.refreshFeed = refreshFeed;
const timers = new Map();

app.post('/feeds/:feedId/poll', (req, res) => {
  const feedId = req.params.feedId;
  const handle = setInterval(`refreshFeed('${feedId}')`, 60000);
  timers.set(feedId, handle);
  res.status(201).json({ polling: feedId });
});

app.listen(3000);
