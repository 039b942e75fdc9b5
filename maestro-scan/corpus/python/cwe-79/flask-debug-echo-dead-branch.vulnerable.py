from flask import Flask, request, jsonify

app = Flask(__name__)


@app.post("/api/webhooks/payment")
def payment_webhook():
    event = request.get_json(silent=True)
    if event is None:
        return f"<pre>could not parse: {request.get_data(as_text=True)}</pre>", 400
    return jsonify({"received": event.get("id")})
