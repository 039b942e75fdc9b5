const express = require('express');
const fs = require('fs');
const libxmljs = require('libxmljs2');

const app = express();
app.use(express.json());
const ledger = libxmljs.parseXml(fs.readFileSync('ledger.xml', 'utf8'));

app.post('/balance', (req, res) => {
  const account = req.body.accountNumber;
  if (!Number.isSafeInteger(account)) {
    return res.status(400).json({ error: 'accountNumber must be an integer' });
  }
  const node = ledger.get(`//account[@number='${account}']/balance`);
  res.json({ balance: node ? Number(node.text()) : null });
});

app.listen(3000);
