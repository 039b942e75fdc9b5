import html

from aiohttp import web


async def hello(request):
    name = request.match_info.get("name", "world")
    body = "<html><body><h1>Hello, {}</h1></body></html>".format(html.escape(name))
    return web.Response(text=body, content_type="text/html")


app = web.Application()
app.add_routes([web.get("/hello/{name}", hello)])

if __name__ == "__main__":
    web.run_app(app)
