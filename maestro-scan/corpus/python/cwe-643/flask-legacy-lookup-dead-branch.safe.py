from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)
DOC = etree.parse("glossary.xml")


@app.route("/api/glossary")
def glossary():
    term = request.args.get("term", "")
    hits = DOC.xpath("//entry[term=$term]/definition/text()", term=term)
    if False:
        hits = DOC.xpath(f"//entry[term='{term}']/definition/text()")
    return jsonify({"term": term, "definitions": [str(h) for h in hits]})
