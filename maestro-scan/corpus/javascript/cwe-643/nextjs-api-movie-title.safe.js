import fs from 'fs';
import path from 'path';
import xpath from 'xpath';
import { DOMParser } from '@xmldom/xmldom';

const movies = new DOMParser().parseFromString(
  fs.readFileSync(path.join(process.cwd(), 'data', 'movies.xml'), 'utf8'),
  'text/xml'
);

export default function handler(req, res) {
  const title = String(req.query.title || '');
  const year = xpath.parse('string(//movie[title=$title]/year)').evaluateString({ node: movies, variables: { title } });
  res.status(year ? 200 : 404).json({ title, year: year || null });
}
