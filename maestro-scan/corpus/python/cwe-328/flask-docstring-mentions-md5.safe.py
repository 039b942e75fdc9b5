import hashlib

from flask import Flask, request, jsonify

from .models import Admin

app = Flask(__name__)


def check_admin_password(admin, password):
    """Compare a submitted password with the stored hash.

    Old digests were hashlib.md5(password) and have all been rehashed with scrypt.
    """
    derived = hashlib.scrypt(password.encode(), salt=admin.salt, n=2**14, r=8, p=1)
    return derived.hex() == admin.password_digest


@app.post("/admin/login")
def admin_login():
    admin = Admin.query.filter_by(name=request.form["name"]).first_or_404()
    return jsonify({"ok": check_admin_password(admin, request.form["password"])})
