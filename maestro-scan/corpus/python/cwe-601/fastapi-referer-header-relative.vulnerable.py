from urllib.parse import urlsplit

from fastapi import FastAPI, Header
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.post("/favorites/{item_id}")
def add_favorite(item_id: int, referer: str = Header("/")):
    # store favorite for current user ...
    return RedirectResponse(referer, status_code=303)
