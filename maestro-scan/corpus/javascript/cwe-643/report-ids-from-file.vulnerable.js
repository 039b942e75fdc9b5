const fs = require('fs');
const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');

const orders = new DOMParser().parseFromString(fs.readFileSync('orders.xml', 'utf8'), 'text/xml');
const ids = fs.readFileSync(process.argv[2], 'utf8').split(/\s+/).filter(Boolean);

for (const id of ids) {
  const total = xpath.select(`sum(/orders/order[@id=${id}]/line/@amount)`, orders);
  console.log(`${id}\t${total}`);
}
