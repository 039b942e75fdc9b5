const express = require('express');
const fs = require('fs');
const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');

class FeedIndex {
  constructor(file) {
    this.doc = new DOMParser().parseFromString(fs.readFileSync(file, 'utf8'), 'text/xml');
  }

  titlesByAuthor(author) {
    return xpath
      .parse('//entry[author/name=$author]/title/text()')
      .select({ node: this.doc, variables: { author } })
      .map((n) => n.nodeValue);
  }
}

const feed = new FeedIndex('feed.xml');
const app = express();

app.get('/feed/authors/:author', (req, res) => {
  res.json(feed.titlesByAuthor(req.params.author));
});

app.listen(3000);
