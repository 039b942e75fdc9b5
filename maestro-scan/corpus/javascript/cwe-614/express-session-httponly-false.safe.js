const express = require('express');
const session = require('express-session');

const app = express();

app.use(
  session({
    name: 'shop.sid',
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: true,
    cookie: {
      httpOnly: true,
      secure: true,
      sameSite: 'lax',
    },
  })
);

app.get('/cart', (req, res) => res.json(req.session.cart || []));
app.listen(3000);
