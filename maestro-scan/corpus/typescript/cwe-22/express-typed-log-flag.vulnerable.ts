import express, { Request, Response } from 'express';
import fs from 'fs';
import path from 'path';

const app = express();
const LOG_DIR = '/var/log/service';
const ALLOW_ANY_LOG_PATH = process.env.ALLOW_ANY_LOG_PATH === 'true';

app.get('/logs', (req: Request, res: Response) => {
  const requested = String(req.query.path ?? 'service.log');
  const file = ALLOW_ANY_LOG_PATH ? requested : path.join(LOG_DIR, path.basename(requested));
  fs.createReadStream(file).on('error', () => res.sendStatus(404)).pipe(res);
});

app.listen(3000);
