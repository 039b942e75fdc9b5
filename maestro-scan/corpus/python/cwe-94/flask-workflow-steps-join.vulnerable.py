from flask import Flask, request, jsonify

app = Flask(__name__)
ACTIONS = {
    "strip": str.strip,
    "lower": str.lower,
    "title": str.title,
}


@app.post("/api/text/pipeline")
def run_pipeline():
    body = request.get_json()
    value = body["text"]
    steps = body.get("steps", [])
    script = "\n".join(f"value = value.{step}()" for step in steps)
    scope = {"value": value}
    exec(script, {}, scope)
    return jsonify({"result": scope["value"]})
