import { readFile } from 'fs/promises';
import * as libxmljs from 'libxmljs2';

export async function importFeed(path: string): Promise<string[]> {
  const xml = await readFile(path, 'utf8');
  const doc = libxmljs.parseXml(xml, { noent: true });
  return doc.find('//item/link').map((n) => (n as libxmljs.Element).text());
}

importFeed(process.env.FEED_FILE ?? 'feed.xml').then((links) => console.log(links.join('\n')));
