import sys

import requests
from lxml import etree

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def list_urls(sitemap_url):
    resp = requests.get(sitemap_url, timeout=15)
    resp.raise_for_status()
    root = etree.fromstring(resp.content, etree.XMLParser(resolve_entities=True))
    return [loc.text for loc in root.findall("sm:url/sm:loc", NS)]


if __name__ == "__main__":
    for url in list_urls(sys.argv[1]):
        print(url)
