import secrets

import tornado.web


class LoginHandler(tornado.web.RequestHandler):
    def post(self):
        username = self.get_body_argument("username")
        if not self.application.settings["auth"].check(username, self.get_body_argument("password")):
            raise tornado.web.HTTPError(401)
        sid = secrets.token_hex(20)
        self.application.settings["sessions"][sid] = username
        self.set_cookie("sid", sid, expires_days=1, secure=True, httponly=True, samesite="Lax")
        self.write({"ok": True})
