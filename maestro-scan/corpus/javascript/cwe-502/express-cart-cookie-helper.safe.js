const express = require('express');
const cookieParser = require('cookie-parser');

const app = express();
app.use(cookieParser());

function decodeCart(raw) {
  if (!raw) return { items: [] };
  return JSON.parse(Buffer.from(raw, 'base64').toString('utf8'));
}

app.get('/cart', (req, res) => {
  const cart = decodeCart(req.cookies.cart);
  res.json({ count: cart.items.length, items: cart.items });
});

app.listen(3000);
