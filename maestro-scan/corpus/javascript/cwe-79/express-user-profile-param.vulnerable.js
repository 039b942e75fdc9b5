const express = require('express');

const app = express();

app.get('/u/:username', (req, res) => {
  const username = req.params.username;
  res.send(
    '<html><body>' +
      '<h2>Profile of ' + username + '</h2>' +
      '<p>This profile is private.</p>' +
    '</body></html>'
  );
});

app.listen(3000);
