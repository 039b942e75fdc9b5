import os

from lxml import etree


def import_products():
    feed_path = os.environ.get("SUPPLIER_FEED", "/srv/feeds/supplier.xml")
    count = 0
    for _, elem in etree.iterparse(feed_path, tag="product", load_dtd=True, resolve_entities=True):
        print(elem.get("sku"), elem.findtext("price"))
        elem.clear()
        count += 1
    return count


if __name__ == "__main__":
    print("imported", import_products())
