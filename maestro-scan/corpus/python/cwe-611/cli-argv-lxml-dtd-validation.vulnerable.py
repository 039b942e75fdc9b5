import sys

from lxml import etree


def validate(path):
    parser = etree.XMLParser(dtd_validation=True, resolve_entities=True)
    try:
        doc = etree.parse(path, parser)
    except etree.XMLSyntaxError as exc:
        print(f"{path}: invalid: {exc}")
        return 1
    print(f"{path}: valid, root <{doc.getroot().tag}>")
    return 0


if __name__ == "__main__":
    sys.exit(validate(sys.argv[1]))
