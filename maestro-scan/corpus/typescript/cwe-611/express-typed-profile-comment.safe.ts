import express, { Request, Response } from 'express';
import libxmljs from 'libxmljs';

const app = express();
app.use(express.text({ type: 'application/xml' }));

app.put('/profile', (req: Request, res: Response) => {
  // { noent: true } would pull external entities into the document; entities stay unexpanded
  const doc = libxmljs.parseXml(String(req.body), { nonet: true });
  res.json({ nickname: doc.get('/profile/nickname')?.text() ?? null });
});

app.listen(3000);
