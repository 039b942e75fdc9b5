import express, { Request, Response } from 'express';
import { createHash } from 'crypto';
import { savePin } from './pins';

const app = express();
app.use(express.json());

app.put('/wallet/pin', async (req: Request<{}, unknown, { userId: string; pin: string }>, res: Response) => {
  const digest = createHash('sha1').update(`${req.body.userId}:${req.body.pin}`).digest('hex');
  await savePin(req.body.userId, digest);
  res.sendStatus(204);
});

app.listen(3000);
