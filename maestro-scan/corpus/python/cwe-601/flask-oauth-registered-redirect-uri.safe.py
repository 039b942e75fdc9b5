import secrets
from flask import Flask, request, jsonify, make_response

app = Flask(__name__)
REGISTERED_REDIRECTS = {
    "mobile": "myapp://oauth/callback",
    "web": "https://app.example.com/oauth/callback",
}


@app.post("/oauth/authorize")
def authorize():
    body = request.get_json()
    code = secrets.token_urlsafe(24)
    redirect_uri = REGISTERED_REDIRECTS.get(body.get("client"))
    if redirect_uri is None or body.get("redirect_uri") != redirect_uri:
        return jsonify({"error": "invalid_request"}), 400
    resp = make_response("", 302)
    resp.headers["Location"] = f"{redirect_uri}?code={code}&state={body.get('state', '')}"
    return resp
