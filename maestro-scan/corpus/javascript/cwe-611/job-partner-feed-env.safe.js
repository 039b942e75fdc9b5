const fs = require('fs');
const xml2js = require('xml2js');
const { upsertProducts } = require('./catalog');

async function importPartnerFeed() {
  const feedPath = process.env.PARTNER_FEED_PATH;
  const xml = fs.readFileSync(feedPath, 'utf8');
  const doc = await xml2js.parseStringPromise(xml);
  const products = doc.feed.product.map((p) => ({
    sku: p.$.sku,
    price: Number(p.price[0]),
  }));
  await upsertProducts(products);
}

importPartnerFeed();
