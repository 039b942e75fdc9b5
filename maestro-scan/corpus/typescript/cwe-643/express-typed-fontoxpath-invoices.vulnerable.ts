import express, { Request, Response } from 'express';
import { readFileSync } from 'fs';
import { evaluateXPathToNumbers } from 'fontoxpath';
import { DOMParser } from '@xmldom/xmldom';

const app = express();
const ledger = new DOMParser().parseFromString(readFileSync('ledger.xml', 'utf8'), 'text/xml');

app.get('/invoices/amounts', (req: Request, res: Response) => {
  const client = String(req.query.client ?? '');
  const amounts = evaluateXPathToNumbers(`/ledger/invoice[client = "${client}"]/amount`, ledger);
  res.json({ client, total: amounts.reduce((a, b) => a + b, 0) });
});

app.listen(3000);
