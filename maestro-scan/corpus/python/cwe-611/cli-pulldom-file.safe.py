import sys
import xml.sax
from xml.dom import pulldom
from xml.sax.handler import feature_external_ges


def count_records(path):
    reader = xml.sax.make_parser()
    reader.setFeature(feature_external_ges, False)
    total = 0
    for event, node in pulldom.parse(path, parser=reader):
        if event == pulldom.START_ELEMENT and node.tagName == "record":
            total += 1
    return total


if __name__ == "__main__":
    print(count_records(sys.argv[1]))
