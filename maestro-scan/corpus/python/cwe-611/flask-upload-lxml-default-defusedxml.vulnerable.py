from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)


@app.post("/api/contacts/upload")
def upload_contacts():
    upload = request.files["vcards"]
    tree = etree.parse(upload.stream)
    contacts = [
        {"name": c.findtext("fn"), "email": c.findtext("email")}
        for c in tree.getroot().iter("contact")
    ]
    return jsonify({"imported": len(contacts), "contacts": contacts})
