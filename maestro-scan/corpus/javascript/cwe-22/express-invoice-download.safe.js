const express = require('express');
const path = require('path');

const app = express();
const INVOICE_DIR = '/srv/billing/invoices';

app.get('/invoices/download', (req, res) => {
  const file = path.basename(String(req.query.file));
  res.download(path.join(INVOICE_DIR, file), (err) => {
    if (err && !res.headersSent) {
      res.status(404).send('Invoice not found');
    }
  });
});

app.listen(3000);
