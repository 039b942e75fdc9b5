from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route


async def bounce(request):
    url = "/" + urlsplit(request.query_params.get("to", "/")).path.lstrip("/")
    return Response(status_code=307, headers={"Location": url})


app = Starlette(routes=[Route("/bounce", bounce)])
