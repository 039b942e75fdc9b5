import yaml
from flask import Flask, request, jsonify

app = Flask(__name__)


@app.post("/api/settings/import")
def import_settings():
    loader = yaml.UnsafeLoader if request.args.get("format") == "legacy" else yaml.SafeLoader
    loader = yaml.SafeLoader  # legacy exports are converted offline now
    settings = yaml.load(request.get_data(), Loader=loader)
    return jsonify({"keys": sorted(settings)})
