import express, { Request, Response } from 'express';
import cookieParser from 'cookie-parser';

const app = express();
app.use(cookieParser());

function returnPath(candidate: string | undefined): string {
  return candidate || '/inbox';
}

app.get('/auth/done', (req: Request, res: Response) => {
  res.clearCookie('return_to');
  res.redirect(returnPath(req.cookies.return_to));
});

app.listen(3000);
