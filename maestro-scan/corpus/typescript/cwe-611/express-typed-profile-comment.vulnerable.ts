import express, { Request, Response } from 'express';
import libxmljs from 'libxmljs';

const app = express();
app.use(express.text({ type: 'application/xml' }));

app.put('/profile', (req: Request, res: Response) => {
  const doc = libxmljs.parseXml(String(req.body), { noent: true });
  res.json({ nickname: doc.get('/profile/nickname')?.text() ?? null });
});

app.listen(3000);
