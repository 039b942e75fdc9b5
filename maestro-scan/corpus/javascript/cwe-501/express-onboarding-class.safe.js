const express = require('express');
const session = require('express-session');

const PLANS = ['free', 'team', 'business'];

class Onboarding {
  constructor(session) {
    this.session = session;
  }

  saveStep(data) {
    this.session.onboarding = {
      step: Number.parseInt(data.step, 10) || 0,
      plan: PLANS.includes(data.plan) ? data.plan : 'free',
    };
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
