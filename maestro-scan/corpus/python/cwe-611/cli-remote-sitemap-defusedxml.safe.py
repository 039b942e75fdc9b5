import sys

import requests
from defusedxml import ElementTree

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def list_urls(sitemap_url):
    resp = requests.get(sitemap_url, timeout=15)
    resp.raise_for_status()
    root = ElementTree.fromstring(resp.content)
    return [loc.text for loc in root.findall("sm:url/sm:loc", NS)]


if __name__ == "__main__":
    for url in list_urls(sys.argv[1]):
        print(url)
