import html

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.get("/badge", response_class=HTMLResponse)
def badge(name: str = "anonymous", team: str = "core"):
    return HTMLResponse(
        f"<div class='badge'><strong>{name}</strong><span>{team}</span></div>"
    )
