import express, { Request, Response } from 'express';
import session from 'express-session';

declare module 'express-session' {
  interface SessionData { userId: string; viewingAs: string }
}

const app = express();
app.use(session({ secret: process.env.SESSION_SECRET as string, resave: false, saveUninitialized: false }));

app.get('/support/view-as', (req: Request, res: Response) => {
  req.session.viewingAs = req.session.userId as string;
  res.redirect('/');
});

app.listen(3000);
