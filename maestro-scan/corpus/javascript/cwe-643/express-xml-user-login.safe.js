const express = require('express');
const fs = require('fs');
const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');

const app = express();
app.use(express.urlencoded({ extended: false }));
const users = new DOMParser().parseFromString(fs.readFileSync('users.xml', 'utf8'), 'text/xml');

app.post('/login', (req, res) => {
  const { username, password } = req.body;
  const match = xpath
    .parse('//user[username/text()=$username and password/text()=$password]')
    .select({ node: users, variables: { username: String(username), password: String(password) } });
  if (match.length === 0) return res.status(401).send('invalid login');
  res.send('welcome');
});

app.listen(3000);
