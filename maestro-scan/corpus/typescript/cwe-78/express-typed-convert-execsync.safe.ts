import express, { Request, Response } from 'express';
import { execFileSync } from 'child_process';
import path from 'path';

const app = express();
app.use(express.json());
const MEDIA = '/srv/media';

interface ResizeBody { image: string; width: number }

app.post('/resize', (req: Request<{}, unknown, ResizeBody>, res: Response) => {
  const input = path.join(MEDIA, req.body.image);
  const width = Math.trunc(Number(req.body.width)) || 320;
  execFileSync('convert', [input, '-resize', String(width), `${input}.small.jpg`]);
  res.json({ output: `${req.body.image}.small.jpg` });
});

app.listen(3000);
