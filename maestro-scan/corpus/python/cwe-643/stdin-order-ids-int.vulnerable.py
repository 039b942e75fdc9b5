import sys

from lxml import etree


def main():
    orders = etree.parse("orders.xml")
    for line in sys.stdin:
        order_id = line.strip()
        if not order_id:
            continue
        totals = orders.xpath("//order[@id=" + order_id + "]/total/text()")
        print(order_id, totals[0] if totals else "missing")


if __name__ == "__main__":
    main()
