import os
import shlex
from flask import Flask, request

app = Flask(__name__)


@app.post("/tools/dns")
def dns_lookup():
    domain = request.form.get("domain", "")
    cmd = f"nslookup {shlex.quote(domain)}"
    output = os.popen(cmd).read()
    return f"<pre>{output}</pre>"
