const fs = require('fs');
const libxmljs = require('libxmljs2');
const { upsertProducts } = require('./catalog');

async function importPartnerFeed() {
  const feedPath = process.env.PARTNER_FEED_PATH;
  const xml = fs.readFileSync(feedPath, 'utf8');
  const doc = libxmljs.parseXml(xml, { noent: true, huge: true });
  const products = doc.find('//product').map((p) => ({
    sku: p.attr('sku').value(),
    price: Number(p.get('price').text()),
  }));
  await upsertProducts(products);
}

importPartnerFeed();
