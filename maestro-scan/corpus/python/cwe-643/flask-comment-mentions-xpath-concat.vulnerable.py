from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)
TEAMS = etree.parse("teams.xml")


@app.route("/api/team-members")
def team_members():
    team = request.args.get("team", "")
    members = TEAMS.xpath("//team[@name='" + team + "']/member/@login")
    return jsonify(sorted(str(m) for m in members))
