import express, { Request, Response } from 'express';
import { $ } from 'zx';

const app = express();
app.use(express.json());

app.post('/backups', async (req: Request<{}, unknown, { label: string }>, res: Response) => {
  const label = req.body.label;
  await $`tar czf ${`/backups/${label}.tar.gz`} /srv/data`;
  res.status(201).json({ archive: `${label}.tar.gz` });
});

app.listen(3000);
