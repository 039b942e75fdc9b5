import express, { Request, Response } from 'express';
import { readFileSync } from 'fs';
import * as xpath from 'xpath';
import { DOMParser } from '@xmldom/xmldom';

const app = express();
const plans = new DOMParser().parseFromString(readFileSync('plans.xml', 'utf8'), 'text/xml');
const PLAN_CODES: readonly string[] = ['free', 'pro', 'enterprise'];

app.get('/plans/:code/price', (req: Request<{ code: string }>, res: Response) => {
  const code = req.params.code;
  const price = xpath.select1(`string(/plans/plan[@code='${code}']/price)`, plans as any);
  res.json({ code, price: Number(price) });
});

app.listen(3000);
