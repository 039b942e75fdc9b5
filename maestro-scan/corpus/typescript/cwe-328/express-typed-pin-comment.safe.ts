import express, { Request, Response } from 'express';
import { pbkdf2Sync } from 'crypto';
import { savePin } from './pins';

const app = express();
app.use(express.json());

app.put('/wallet/pin', async (req: Request<{}, unknown, { userId: string; pin: string }>, res: Response) => {
  // sha1 of a 4-6 digit PIN is brute-forced instantly; use a slow KDF
  const digest = pbkdf2Sync(req.body.pin, `pin:${req.body.userId}`, 600000, 32, 'sha256').toString('hex');
  await savePin(req.body.userId, digest);
  res.sendStatus(204);
});

app.listen(3000);
