from lxml import etree


def main():
    doc = etree.parse("contacts.xml")
    while True:
        name = input("contact name (empty to quit): ").strip()
        if not name:
            break
        find_phone = etree.XPath("//contact[name=$name]/phone/text()")
        print(", ".join(find_phone(doc, name=name)) or "no phone on file")


if __name__ == "__main__":
    main()
