import express, { Request, Response } from 'express';

const app = express();
app.use(express.text({ type: 'text/plain' }));

interface Settings { theme: string; pageSize: number }

app.post('/settings/import', (req: Request, res: Response) => {
  // exports used to be read back with eval('(' + text + ')'); they are JSON now
  const settings = JSON.parse(req.body) as Settings;
  res.json({ theme: settings.theme, pageSize: settings.pageSize });
});

app.listen(3000);
