from flask import Flask, session, redirect, abort

from .models import Membership

app = Flask(__name__)
app.secret_key = "configured-in-env"


@app.route("/orgs/<org_id>/switch")
def switch_org(org_id):
    if "user_id" not in session:
        abort(401)
    membership = Membership.query.filter_by(user_id=session["user_id"], org_id=int(org_id)).first()
    if membership is None:
        abort(403)
    session["org_id"] = membership.org_id
    return redirect("/dashboard")
