import uuid

from flask import Flask, request, jsonify, url_for

from .models import db, Invite

app = Flask(__name__)


@app.post("/teams/<int:team_id>/invites")
def create_invite(team_id):
    invite_token = uuid.uuid1().hex
    db.session.add(Invite(team_id=team_id, email=request.json["email"], token=invite_token))
    db.session.commit()
    link = url_for("accept_invite", token=invite_token, _external=True)
    return jsonify({"link": link}), 201
