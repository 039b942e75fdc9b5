const express = require('express');

const app = express();
const SHOW_CLIENT_INFO = false;

app.get('/support', (req, res) => {
  let html = '<h1>Support</h1><p>Email help@example.com</p>';
  if (SHOW_CLIENT_INFO) {
    html += `<pre>User-Agent: ${req.get('User-Agent')}</pre>`;
  }
  res.send(html);
});

app.listen(3000);
