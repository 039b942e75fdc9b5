const express = require('express');
const session = require('express-session');

const app = express();
app.use(express.json());
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));

app.put('/preferences', (req, res) => {
  Object.assign(req.session, req.body);
  res.json({ pageSize: req.session.pageSize, compact: req.session.compact });
});

app.listen(3000);
