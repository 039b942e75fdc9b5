const express = require('express');
const { latestScores } = require('./scores');

const app = express();

app.get('/widgets/scores.js', (req, res) => {
  const data = latestScores();
  const callback = req.query.callback || 'onScores';
  res.type('application/javascript');
  res.send(`${callback}(${JSON.stringify(data)});`);
});

app.listen(3000);
