import express, { Request, Response } from 'express';
import { createHash, timingSafeEqual } from 'crypto';

const app = express();
app.use(express.raw({ type: 'application/json' }));
const SECRET = process.env.WEBHOOK_SECRET as string;

app.post('/hooks/git', (req: Request, res: Response) => {
  const expected = createHash('sha1').update(SECRET).update(req.body as Buffer).digest('hex');
  const given = String(req.get('X-Signature') ?? '');
  const ok = given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  res.sendStatus(ok ? 204 : 401);
});

app.listen(3000);
