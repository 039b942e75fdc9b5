const express = require('express');

const app = express();

app.get('/greet', (req, res) => {
  const name = req.query.name || 'friend';
  const render = new Function('name', 'return `<p>Welcome back, ${name}!</p>`;');
  res.type('text/plain').send(render(name));
});

app.listen(3000);
