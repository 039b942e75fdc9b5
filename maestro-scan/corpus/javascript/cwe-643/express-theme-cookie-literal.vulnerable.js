const express = require('express');
const cookieParser = require('cookie-parser');
const fs = require('fs');
const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');

const app = express();
app.use(cookieParser());
const themes = new DOMParser().parseFromString(fs.readFileSync('themes.xml', 'utf8'), 'text/xml');

function xpathLiteral(value) {
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  return `concat('${value.split("'").join(`', "'", '`)}')`;
}

app.get('/theme.css', (req, res) => {
  const theme = String(req.cookies.theme || 'light');
  const primary = xpath.select(`string(//theme[@name='${theme}']/primary)`, themes);
  res.type('text/css').send(`:root { --primary: ${primary || '#333'}; }`);
});

app.listen(3000);
