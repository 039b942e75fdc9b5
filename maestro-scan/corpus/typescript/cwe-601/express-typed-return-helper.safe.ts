import express, { Request, Response } from 'express';
import cookieParser from 'cookie-parser';

const app = express();
app.use(cookieParser());

function returnPath(candidate: string | undefined): string {
  // not res.redirect(req.cookies.return_to) directly: only local paths are followed
  return candidate && /^\/(?!\/)[a-z0-9/_-]*$/i.test(candidate) ? candidate : '/inbox';
}

app.get('/auth/done', (req: Request, res: Response) => {
  res.clearCookie('return_to');
  res.redirect(returnPath(req.cookies.return_to));
});

app.listen(3000);
