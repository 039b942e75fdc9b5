const express = require('express');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/wizard/step', (req, res) => {
  const state = req.body.state ? JSON.parse(req.body.state) : { step: 0, answers: {} };
  state.answers[`q${state.step}`] = req.body.answer;
  state.step += 1;
  res.json({ next: state.step, state: JSON.stringify(state) });
});

app.listen(3000);
