import os
import sys

from lxml import etree

KNOWN_FEATURES = {"new_checkout", "dark_mode", "bulk_export"}


def feature_enabled():
    feature = os.environ.get("FEATURE_NAME", "new_checkout")
    config = etree.parse("/etc/myapp/features.xml")
    state = config.xpath("string(/features/feature[@name='%s']/@enabled)" % feature)
    return state == "true"


if __name__ == "__main__":
    sys.exit(0 if feature_enabled() else 1)
