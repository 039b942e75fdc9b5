import sys

from lxml import etree


def report(names_file, directory_file):
    directory = etree.parse(directory_file)
    with open(names_file, encoding="utf-8") as fh:
        for name in (line.strip() for line in fh):
            if not name:
                continue
            room = directory.xpath("string(//employee[fullname=$name]/office)", name=name)
            print(f"{name}: {room or 'unknown'}")


if __name__ == "__main__":
    report(sys.argv[1], sys.argv[2])
