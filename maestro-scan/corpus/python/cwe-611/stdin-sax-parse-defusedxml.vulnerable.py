import sys
import xml.sax
from xml.sax.handler import ContentHandler, feature_external_ges


class LinkCollector(ContentHandler):
    def __init__(self):
        super().__init__()
        self.links = []

    def startElement(self, name, attrs):
        if name == "a" and "href" in attrs:
            self.links.append(attrs["href"])


if __name__ == "__main__":
    collector = LinkCollector()
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    parser.setContentHandler(collector)
    parser.parse(sys.stdin)
    print("\n".join(collector.links))
