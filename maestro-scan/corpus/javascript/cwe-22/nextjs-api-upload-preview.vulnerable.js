import fs from 'fs';
import path from 'path';

const UPLOADS = path.resolve('public/uploads');

export default function handler(req, res) {
  const file = path.join(UPLOADS, String(req.query.file));
  if (!fs.existsSync(file)) {
    return res.status(404).end();
  }
  res.setHeader('Content-Type', 'application/octet-stream');
  fs.createReadStream(file).pipe(res);
}
