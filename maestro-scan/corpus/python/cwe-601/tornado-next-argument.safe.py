from urllib.parse import urlparse

import tornado.web


class LoginHandler(tornado.web.RequestHandler):
    def post(self):
        if self.get_body_argument("password") != self.settings["admin_password"]:
            raise tornado.web.HTTPError(403)
        self.set_signed_cookie("admin", "1")
        next_url = self.get_argument("next", "/admin")
        if urlparse(next_url).netloc or not next_url.startswith("/"):
            next_url = "/admin"
        self.redirect(next_url)


def make_app():
    return tornado.web.Application([(r"/login", LoginHandler)], cookie_secret="...")
