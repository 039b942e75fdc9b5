from flask import Flask, request, redirect, url_for

app = Flask(__name__)
RETURN_PAGES = {"list": "project_list", "board": "project_board"}


@app.post("/projects/<int:project_id>/settings")
def save_settings(project_id):
    # ... persist request.form here ...
    back = RETURN_PAGES.get(request.form.get("return_to"), "project_list")
    return redirect(url_for(back))


@app.route("/projects")
def project_list():
    return "projects"


@app.route("/board")
def project_board():
    return "board"
