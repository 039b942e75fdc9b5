import sys

from lxml import etree


def main():
    orders = etree.parse("orders.xml")
    for line in sys.stdin:
        try:
            order_id = str(int(line.strip()))
        except ValueError:
            continue
        totals = orders.xpath("//order[@id=" + order_id + "]/total/text()")
        print(order_id, totals[0] if totals else "missing")


if __name__ == "__main__":
    main()
