import subprocess
import sys

USE_LEGACY_SHELL = False


def convert(doc):
    if USE_LEGACY_SHELL:
        subprocess.run("libreoffice --headless --convert-to pdf " + doc, shell=True)
    else:
        subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", doc])


if __name__ == "__main__":
    for doc in sys.argv[1:]:
        convert(doc)
