import csv
import sys

from jinja2 import Environment, FileSystemLoader, select_autoescape


def build_report(csv_path, out_path):
    env = Environment(loader=FileSystemLoader("templates"))
    template = env.get_template("feedback.html")
    with open(csv_path, newline="", encoding="utf-8") as fh:
        entries = list(csv.DictReader(fh))
    with open(out_path, "w", encoding="utf-8") as out:
        out.write(template.render(entries=entries))


if __name__ == "__main__":
    build_report(sys.argv[1], sys.argv[2])
