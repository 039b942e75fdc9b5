const express = require('express');
const libxmljs = require('libxmljs2');

class FeedImporter {
  constructor() {
    this.parseOptions = { noent: true, noblanks: true };
  }

  import(xml) {
    const doc = libxmljs.parseXml(xml, this.parseOptions);
    return doc.find('//item/title').map((t) => t.text());
  }
}

const importer = new FeedImporter();
const app = express();
app.use(express.text({ type: '*/xml' }));

app.post('/feeds/preview', (req, res) => {
  res.json(importer.import(req.body));
});

app.listen(3000);
