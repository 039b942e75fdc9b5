import express, { Request, Response } from 'express';
import { readFile } from 'fs/promises';
import path from 'path';

const app = express();
const TEMPLATES = path.resolve('templates');

app.get('/templates/:name', async (req: Request<{ name: string }>, res: Response) => {
  const file = path.resolve(TEMPLATES, req.params.name);
  try {
    res.type('text/plain').send(await readFile(file, 'utf8'));
  } catch {
    res.sendStatus(404);
  }
});

app.listen(3000);
