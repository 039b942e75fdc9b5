import re
import xml.etree.ElementTree as ET
from flask import Flask, request, abort, jsonify

app = Flask(__name__)
STAFF = ET.parse("staff.xml").getroot()


@app.route("/api/badge")
def badge():
    badge_id = request.args.get("id", "")
    if not re.fullmatch(r"[A-Z0-9]{6}", badge_id):
        abort(400)
    employee = STAFF.find("./employees/employee[@badge='" + badge_id + "']")
    if employee is None:
        abort(404)
    return jsonify({"name": employee.findtext("name"), "floor": employee.findtext("floor")})
