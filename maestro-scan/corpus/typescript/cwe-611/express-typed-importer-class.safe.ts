import express, { Request, Response } from 'express';
import { parseXml, ParserOptions } from 'libxmljs2';

class GpxImporter {
  private readonly options: ParserOptions = { noent: false, nonet: true, huge: true };

  waypoints(xml: string): number {
    const doc = parseXml(xml, this.options);
    return doc.find('//*[local-name()="wpt"]').length;
  }
}

const importer = new GpxImporter();
const app = express();
app.use(express.text({ type: 'application/gpx+xml', limit: '5mb' }));

app.post('/tracks', (req: Request, res: Response) => {
  res.json({ waypoints: importer.waypoints(req.body) });
});

app.listen(3000);
