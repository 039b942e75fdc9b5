import express from 'express';
import session from 'express-session';
import { randomUUID } from 'crypto';

const app = express();

app.use(
  session({
    secret: process.env.SESSION_SECRET as string,
    resave: false,
    saveUninitialized: false,
    genid: (): string => randomUUID(),
    cookie: { httpOnly: true, secure: true },
  }),
);

app.get('/', (_req, res) => res.send('ok'));
app.listen(3000);
