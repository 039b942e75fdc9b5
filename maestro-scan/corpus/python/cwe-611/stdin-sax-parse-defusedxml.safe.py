import sys

import defusedxml.sax
from xml.sax.handler import ContentHandler


class LinkCollector(ContentHandler):
    def __init__(self):
        super().__init__()
        self.links = []

    def startElement(self, name, attrs):
        if name == "a" and "href" in attrs:
            self.links.append(attrs["href"])


if __name__ == "__main__":
    collector = LinkCollector()
    defusedxml.sax.parse(sys.stdin, collector)
    print("\n".join(collector.links))
