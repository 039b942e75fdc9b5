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
    redirect_uri = body["redirect_uri"]
    resp = make_response("", 302)
    resp.headers["Location"] = f"{redirect_uri}?code={code}&state={body.get('state', '')}"
    return resp
