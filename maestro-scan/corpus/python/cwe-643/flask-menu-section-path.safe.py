from flask import Flask, jsonify
from lxml import etree

app = Flask(__name__)
MENU = etree.parse("menu.xml")


@app.route("/menu/<section>")
def menu_section(section):
    items = MENU.xpath("//section[@id=$section]/item", section=section)
    return jsonify([{"name": i.findtext("name"), "price": i.findtext("price")} for i in items])
