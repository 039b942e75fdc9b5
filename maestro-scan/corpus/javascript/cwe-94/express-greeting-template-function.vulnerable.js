const express = require('express');

const app = express();

app.get('/greet', (req, res) => {
  const name = req.query.name || 'friend';
  const render = new Function('return `<p>Welcome back, ' + name + '!</p>`;');
  res.type('text/plain').send(render());
});

app.listen(3000);
