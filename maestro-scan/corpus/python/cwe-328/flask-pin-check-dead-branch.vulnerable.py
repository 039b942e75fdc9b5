import hashlib
import hmac

from flask import Flask, request, abort

from .models import Device

app = Flask(__name__)


@app.post("/devices/<int:device_id>/unlock")
def unlock(device_id):
    device = Device.query.get_or_404(device_id)
    attempt = hashlib.md5(request.form["pin"].encode() + device.salt).hexdigest()
    if not hmac.compare_digest(attempt, device.pin_hash):
        abort(403)
    return {"unlocked": True}
