const express = require('express');

const app = express();

app.get('/out', (req, res) => {
  const dest = req.query.dest;
  res.statusCode = 302;
  res.setHeader('Location', '/leaving?dest=' + encodeURIComponent(dest));
  res.end();
});

app.listen(3000);
