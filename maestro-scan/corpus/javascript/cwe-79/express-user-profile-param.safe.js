const express = require('express');
const he = require('he');

const app = express();

app.get('/u/:username', (req, res) => {
  const username = he.encode(req.params.username);
  res.send(
    '<html><body>' +
      '<h2>Profile of ' + username + '</h2>' +
      '<p>This profile is private.</p>' +
    '</body></html>'
  );
});

app.listen(3000);
