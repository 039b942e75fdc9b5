import express, { Request, Response } from 'express';
import { randomBytes } from 'crypto';
import { saveLink } from './links';

const app = express();

app.post('/files/:id/share', async (req: Request<{ id: string }>, res: Response) => {
  const secret = Math.random().toString(36).slice(2, 14);
  await saveLink(req.params.id, secret);
  res.json({ url: `https://files.example.com/s/${secret}` });
});

app.listen(3000);
