const express = require('express');
const libxmljs = require('libxmljs');

const app = express();
app.use(express.text({ type: ['text/xml', 'application/soap+xml'] }));

app.post('/soap/stock-quote', (req, res) => {
  const envelope = libxmljs.parseXml(req.body, { noent: true });
  const symbol = envelope.get('//*[local-name()="Symbol"]');
  res.type('text/xml').send(
    `<Envelope><Body><Price>${symbol ? symbol.text().length * 10 : 0}</Price></Body></Envelope>`
  );
});

app.listen(3000);
