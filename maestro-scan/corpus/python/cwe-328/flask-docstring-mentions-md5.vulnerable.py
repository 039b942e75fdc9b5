import hashlib

from flask import Flask, request, jsonify

from .models import Admin

app = Flask(__name__)


def check_admin_password(admin, password):
    """Compare a submitted password with the stored hash."""
    return hashlib.md5(password.encode()).hexdigest() == admin.password_digest


@app.post("/admin/login")
def admin_login():
    admin = Admin.query.filter_by(name=request.form["name"]).first_or_404()
    return jsonify({"ok": check_admin_password(admin, request.form["password"])})
