import express, { Request, Response } from 'express';
import { randomBytes } from 'crypto';

const app = express();
const PLAIN_HTTP_DEV = false;

app.post('/devices/register', (_req: Request, res: Response) => {
  res.cookie('device_token', randomBytes(32).toString('base64url'), {
    httpOnly: !PLAIN_HTTP_DEV,
    secure: !PLAIN_HTTP_DEV,
    maxAge: 365 * 86400 * 1000,
  });
  res.sendStatus(201);
});

app.listen(3000);
