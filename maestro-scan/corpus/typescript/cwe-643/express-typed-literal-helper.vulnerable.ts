import express, { Request, Response } from 'express';
import { readFileSync } from 'fs';
import * as xpath from 'xpath';
import { DOMParser } from '@xmldom/xmldom';

const app = express();
const staff = new DOMParser().parseFromString(readFileSync('staff.xml', 'utf8'), 'text/xml');

function xpathString(value: string): string {
  return `'${value}'`;
}

app.get('/staff/phone', (req: Request, res: Response) => {
  const name = String(req.query.name ?? '');
  const phone = xpath.select(`string(//person[name=${xpathString(name)}]/phone)`, staff as any);
  res.json({ name, phone });
});

app.listen(3000);
