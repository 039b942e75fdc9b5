import base64

from flask import Flask, request, abort, jsonify
from lxml import etree

app = Flask(__name__)
SAML_NS = {"saml": "urn:oasis:names:tc:SAML:2.0:assertion"}


@app.route("/sso/whoami")
def whoami():
    encoded = request.headers.get("X-SAML-Assertion")
    if not encoded:
        abort(401)
    assertion = etree.fromstring(base64.b64decode(encoded))
    subject = assertion.findtext(".//saml:Subject/saml:NameID", namespaces=SAML_NS)
    return jsonify({"subject": subject})
