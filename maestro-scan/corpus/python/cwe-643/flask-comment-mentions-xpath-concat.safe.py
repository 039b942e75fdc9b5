from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)
TEAMS = etree.parse("teams.xml")


@app.route("/api/team-members")
def team_members():
    team = request.args.get("team", "")
    # xpath("//team[@name='" + team + "']") would let a quote in team rewrite the query
    members = TEAMS.xpath("//team[@name=$team]/member/@login", team=team)
    return jsonify(sorted(str(m) for m in members))
