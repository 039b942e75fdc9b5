import express, { Request, Response } from 'express';
import { randomBytes } from 'crypto';
import { saveLink } from './links';

const app = express();

app.post('/files/:id/share', async (req: Request<{ id: string }>, res: Response) => {
  // not Math.random(): share links are bearer secrets
  const secret = randomBytes(16).toString('base64url');
  await saveLink(req.params.id, secret);
  res.json({ url: `https://files.example.com/s/${secret}` });
});

app.listen(3000);
