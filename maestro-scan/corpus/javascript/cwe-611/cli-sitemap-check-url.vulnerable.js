#!/usr/bin/env node
const libxmljs = require('libxmljs');

async function main() {
  const sitemapUrl = process.argv[2];
  const res = await fetch(sitemapUrl);
  const doc = libxmljs.parseXml(await res.text(), { noent: true });
  const ns = { s: 'http://www.sitemaps.org/schemas/sitemap/0.9' };
  const urls = doc.find('//s:url/s:loc', ns).map((n) => n.text());
  console.log(`${urls.length} urls in ${sitemapUrl}`);
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
