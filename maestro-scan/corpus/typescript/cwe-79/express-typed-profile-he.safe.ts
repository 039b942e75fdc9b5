import express, { Request, Response } from 'express';
import he from 'he';

const app = express();

app.get('/people/:name', (req: Request<{ name: string }>, res: Response) => {
  const name = he.encode(req.params.name);
  res.send(`<section class="profile"><h2>${name}</h2><p>No public activity yet.</p></section>`);
});

app.listen(3000);
