const express = require('express');

const app = express();
const sent = [];

global.sendReminder = function sendReminder(userId) {
  sent.push({ userId, at: Date.now() });
};

app.post('/reminders', express.json(), (req, res) => {
  const userId = req.body.userId;
  const delayMs = Math.min(Number(req.body.delayMs) || 1000, 60000);
  setTimeout(() => global.sendReminder(userId), delayMs);
  res.status(202).json({ scheduled: true });
});

app.listen(3000);
