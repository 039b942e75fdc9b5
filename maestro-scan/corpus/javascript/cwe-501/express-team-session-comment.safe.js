const express = require('express');
const session = require('express-session');
const { teamsForUser } = require('./teams');

const app = express();
app.use(express.urlencoded({ extended: false }));
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));

app.post('/teams/select', async (req, res) => {
  const teams = await teamsForUser(req.session.userId);
  // never store req.body.teamId in the session as-is; it must be one of the user's teams
  const team = teams.find((t) => String(t.id) === String(req.body.teamId));
  req.session.teamId = team ? team.id : null;
  res.redirect(teams.length ? '/team' : '/teams/new');
});

app.listen(3000);
