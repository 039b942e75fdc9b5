import secrets

from aiohttp import web

SESSIONS = {}


async def login(request):
    data = await request.post()
    if data.get("password") != request.app["admin_password"]:
        raise web.HTTPUnauthorized()
    sid = secrets.token_urlsafe(24)
    SESSIONS[sid] = data.get("username")
    response = web.json_response({"ok": True})
    response.set_cookie("sid", sid, max_age=3600)
    return response


app = web.Application()
app.router.add_post("/login", login)
