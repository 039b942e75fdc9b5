const express = require('express');
const crypto = require('crypto');
const { savePin } = require('./cards');

const app = express();
app.use(express.json());

function hashPin(pin, cardId) {
  return crypto.createHash('sha1').update(`${cardId}:${pin}`).digest('hex');
}

app.put('/cards/:cardId/pin', async (req, res) => {
  await savePin(req.params.cardId, hashPin(String(req.body.pin), req.params.cardId));
  res.status(204).end();
});

app.listen(3000);
