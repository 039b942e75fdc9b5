const express = require('express');
const session = require('express-session');

const PLANS = ['free', 'team', 'business'];

class Onboarding {
  constructor(session) {
    this.session = session;
  }

  saveStep(data) {
    this.session.onboarding = data;
  }
}

const app = express();
app.use(express.json());
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));

app.post('/onboarding/step', (req, res) => {
  new Onboarding(req.session).saveStep(req.body);
  res.json({ saved: true });
});

app.listen(3000);
