import express, { CookieOptions, Request, Response } from 'express';
import { randomBytes } from 'crypto';

const app = express();

const SESSION_COOKIE: CookieOptions = {
  path: '/',
  sameSite: 'lax',
  maxAge: 7 * 24 * 3600 * 1000,
};

app.post('/session', (_req: Request, res: Response) => {
  res.cookie('sid', randomBytes(32).toString('hex'), SESSION_COOKIE);
  res.status(201).end();
});

app.listen(3000);
