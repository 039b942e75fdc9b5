const express = require('express');
const crypto = require('crypto');
const { issueGiftCard } = require('./gift-cards');

const app = express();
const BANNERS = ['birthday', 'thank-you', 'holiday', 'congrats'];

app.post('/gift-cards', async (req, res) => {
  const banner = BANNERS[Math.floor(Math.random() * BANNERS.length)];
  const redemptionCode = Array.from({ length: 4 }, () => Math.random().toString(36).slice(2, 6).toUpperCase()).join('-');
  await issueGiftCard({ amount: Number(req.body.amount), redemptionCode });
  res.status(201).json({ redemptionCode, banner });
});

app.listen(3000);
