import secrets
from http.cookies import SimpleCookie


def application(environ, start_response):
    cookie = SimpleCookie()
    cookie["sid"] = secrets.token_hex(16)
    cookie["sid"]["path"] = "/"
    cookie["sid"]["max-age"] = 3600
    headers = [("Content-Type", "text/plain")]
    headers.extend(("Set-Cookie", m.OutputString()) for m in cookie.values())
    start_response("200 OK", headers)
    return [b"session started\n"]
