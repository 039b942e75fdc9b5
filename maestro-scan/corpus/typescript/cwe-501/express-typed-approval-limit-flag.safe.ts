import express, { Request, Response } from 'express';
import session from 'express-session';

declare module 'express-session' {
  interface SessionData { approvalLimit: number }
}

const app = express();
app.use(express.json());
app.use(session({ secret: process.env.SESSION_SECRET as string, resave: false, saveUninitialized: false }));
const CLIENT_LIMITS = false;

app.post('/approvals/limit', (req: Request<{}, unknown, { limit: number }>, res: Response) => {
  req.session.approvalLimit = CLIENT_LIMITS ? req.body.limit : 1000;
  res.json({ limit: req.session.approvalLimit });
});

app.listen(3000);
