const express = require('express');

const app = express();
app.use(express.urlencoded({ extended: false }));
app.locals.supportEmail = 'support@example.com';

const SUPPORT_ADDRESSES = ['support@example.com', 'help@example.com', 'billing@example.com'];

app.post('/setup/support-contact', (req, res) => {
  if (SUPPORT_ADDRESSES.includes(req.body.email)) {
    app.locals.supportEmail = req.body.email;
  }
  res.redirect('/setup');
});

app.get('/contact', (req, res) => res.json({ email: app.locals.supportEmail }));
app.listen(3000);
