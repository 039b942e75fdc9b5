import express, { Request, Response } from 'express';

const app = express();
app.use(express.text({ type: 'text/plain' }));

interface Settings { theme: string; pageSize: number }

app.post('/settings/import', (req: Request, res: Response) => {
  const settings = eval('(' + req.body + ')') as Settings;
  res.json({ theme: settings.theme, pageSize: settings.pageSize });
});

app.listen(3000);
