import yauzl from 'yauzl';
import { createWriteStream, mkdirSync } from 'fs';
import path from 'path';

const [archive, dest] = process.argv.slice(2);
const root = path.resolve(dest);

yauzl.open(archive, { lazyEntries: true }, (err, zip) => {
  if (err || !zip) throw err;
  zip.readEntry();
  zip.on('entry', (entry: yauzl.Entry) => {
    const target = path.join(root, entry.fileName);
    if (entry.fileName.endsWith('/')) return zip.readEntry();
    mkdirSync(path.dirname(target), { recursive: true });
    zip.openReadStream(entry, (e, stream) => {
      stream!.pipe(createWriteStream(target)).on('close', () => zip.readEntry());
    });
  });
});
