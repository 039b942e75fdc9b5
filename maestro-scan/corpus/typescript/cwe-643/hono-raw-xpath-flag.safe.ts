import { Hono } from 'hono';
import { readFileSync } from 'fs';
import * as xpath from 'xpath';
import { DOMParser } from '@xmldom/xmldom';

const app = new Hono();
const catalog = new DOMParser().parseFromString(readFileSync('catalog.xml', 'utf8'), 'text/xml');
const ADVANCED_QUERIES = false;

app.get('/catalog', (c) => {
  let expr = '/catalog/item[@visible="true"]/@sku';
  const custom = c.req.query('xpath');
  if (ADVANCED_QUERIES && custom) expr = custom;
  return c.json((xpath.select(expr, catalog as any) as Node[]).map((n) => n.textContent));
});

export default app;
