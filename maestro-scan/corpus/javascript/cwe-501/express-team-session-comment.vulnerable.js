const express = require('express');
const session = require('express-session');
const { teamsForUser } = require('./teams');

const app = express();
app.use(express.urlencoded({ extended: false }));
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));

app.post('/teams/select', async (req, res) => {
  const teams = await teamsForUser(req.session.userId);
  req.session.teamId = req.body.teamId;
  res.redirect(teams.length ? '/team' : '/teams/new');
});

app.listen(3000);
