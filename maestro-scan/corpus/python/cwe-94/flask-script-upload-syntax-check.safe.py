import ast
from flask import Flask, request, jsonify

app = Flask(__name__)


@app.post("/api/scripts/validate")
def validate_script():
    upload = request.files["script"]
    source = upload.read().decode("utf-8")
    try:
        ast.parse(source, filename=upload.filename)
    except SyntaxError as exc:
        return jsonify({"ok": False, "line": exc.lineno, "error": exc.msg})
    return jsonify({"ok": True})
