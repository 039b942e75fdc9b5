const express = require('express');
const libxmljs = require('libxmljs2');

const app = express();
app.use(express.text({ type: 'application/xml', limit: '256kb' }));

function parseOrder(xml) {
  const doc = libxmljs.parseXml(xml, { nocdata: true });
  return {
    id: doc.get('/order/@id').value(),
    lines: doc.find('/order/line').length,
  };
}

app.post('/orders', (req, res) => {
  res.status(201).json(parseOrder(req.body));
});

app.listen(3000);
