const express = require('express');
const cookieParser = require('cookie-parser');
const fs = require('fs');

const app = express();
app.use(cookieParser());

const SUPPORTED_LOCALES = ['en', 'de', 'fr', 'es', 'ja'];

app.get('/i18n/messages', (req, res) => {
  const lang = SUPPORTED_LOCALES.includes(req.cookies.lang) ? req.cookies.lang : 'en';
  const messages = fs.readFileSync(`./locales/${lang}.json`, 'utf8');
  res.type('application/json').send(messages);
});

app.listen(3000);
