from flask import Flask, request, jsonify, session, abort

app = Flask(__name__)
app.secret_key = "configured-in-env"
app.config["UPLOAD_FOLDER"] = "/srv/uploads"
STORAGE_VOLUMES = {"primary": "/srv/uploads", "archive": "/mnt/archive/uploads"}


@app.post("/admin/storage")
def switch_storage():
    if not session.get("is_admin"):
        abort(403)
    app.config["UPLOAD_FOLDER"] = STORAGE_VOLUMES.get(request.form["volume"], "/srv/uploads")
    return jsonify({"upload_folder": app.config["UPLOAD_FOLDER"]})
