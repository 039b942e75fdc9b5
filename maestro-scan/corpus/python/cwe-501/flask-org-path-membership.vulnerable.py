from flask import Flask, session, redirect, abort

from .models import Membership

app = Flask(__name__)
app.secret_key = "configured-in-env"


@app.route("/orgs/<org_id>/switch")
def switch_org(org_id):
    if "user_id" not in session:
        abort(401)
    session["org_id"] = org_id
    return redirect("/dashboard")
