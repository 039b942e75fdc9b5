import express, { Request, Response } from 'express';
import libxmljs from 'libxmljs';

const app = express();
app.use(express.text({ type: ['text/xml', 'application/soap+xml'] }));

app.post('/soap/customer', (req: Request<{}, string, string>, res: Response) => {
  const doc = libxmljs.parseXml(req.body, { noent: false, nonet: true, noblanks: true });
  const id = doc.get('//*[local-name()="CustomerId"]');
  res.type('text/xml').send(`<Envelope><Body><Found>${id ? 'true' : 'false'}</Found></Body></Envelope>`);
});

app.listen(3000);
