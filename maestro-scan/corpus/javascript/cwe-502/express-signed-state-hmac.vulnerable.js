const express = require('express');
const crypto = require('crypto');
const serialize = require('node-serialize');

const app = express();
app.use(express.json());
const SECRET = process.env.STATE_SECRET;

app.post('/checkout/continue', (req, res) => {
  const [payload, signature] = String(req.body.state).split('.');
  const state = serialize.unserialize(Buffer.from(payload, 'base64').toString());
  res.json({ cartId: state.cartId, step: state.step, signed: Boolean(signature) });
});

app.listen(3000);
