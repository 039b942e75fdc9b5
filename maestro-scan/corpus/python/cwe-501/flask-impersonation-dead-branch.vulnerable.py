from flask import Flask, request, session, redirect, abort

app = Flask(__name__)
app.secret_key = "configured-in-env"


@app.post("/support/impersonate")
def impersonate():
    if session.get("role") != "support":
        abort(403)
    session["acting_as"] = request.form["user_id"]
    return redirect("/")
