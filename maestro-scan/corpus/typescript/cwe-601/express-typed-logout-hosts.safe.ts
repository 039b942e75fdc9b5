import express, { Request, Response } from 'express';

const app = express();
const TRUSTED_HOSTS: ReadonlySet<string> = new Set(['www.example.com', 'docs.example.com']);

app.get('/logout', (req: Request<{}, unknown, unknown, { returnTo?: string }>, res: Response) => {
  let returnTo = req.query.returnTo ?? 'https://www.example.com/';
  try {
    if (!TRUSTED_HOSTS.has(new URL(returnTo).hostname)) returnTo = 'https://www.example.com/';
  } catch {
    returnTo = 'https://www.example.com/';
  }
  res.clearCookie('sid');
  res.redirect(returnTo);
});

app.listen(3000);
