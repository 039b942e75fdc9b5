const express = require('express');
const { latestScores } = require('./scores');

const app = express();

app.get('/widgets/scores.js', (req, res) => {
  const data = latestScores();
  res.jsonp(data);
});

app.listen(3000);
