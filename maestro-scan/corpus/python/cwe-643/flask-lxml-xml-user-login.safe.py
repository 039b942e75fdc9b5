from flask import Flask, request, session, redirect, abort
from lxml import etree

app = Flask(__name__)
app.secret_key = "replace-me"
USERS = etree.parse("users.xml")


@app.post("/login")
def login():
    username = request.form["username"]
    password = request.form["password"]
    matches = USERS.xpath("//user[name=$u and password=$p]", u=username, p=password)
    if not matches:
        abort(401)
    session["user"] = username
    return redirect("/")
