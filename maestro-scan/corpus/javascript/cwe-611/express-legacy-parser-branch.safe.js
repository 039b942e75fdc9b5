const express = require('express');
const libxmljs = require('libxmljs2');
const { XMLParser } = require('fast-xml-parser');

const app = express();
app.use(express.text({ type: 'application/xml' }));
const LEGACY_PARSER_ENABLED = false;

app.post('/timesheets', (req, res) => {
  let hours;
  if (LEGACY_PARSER_ENABLED && req.query.legacy === '1') {
    const doc = libxmljs.parseXml(req.body, { noent: true });
    hours = Number(doc.get('/timesheet/hours').text());
  } else {
    hours = Number(new XMLParser().parse(req.body).timesheet.hours);
  }
  res.json({ hours });
});

app.listen(3000);
