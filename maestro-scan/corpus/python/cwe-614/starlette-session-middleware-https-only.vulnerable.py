import os

from fastapi import FastAPI, Request
from starlette.middleware.sessions import SessionMiddleware

app = FastAPI()
app.add_middleware(
    SessionMiddleware,
    secret_key=os.environ["SESSION_SECRET"],
    session_cookie="dash_session",
    https_only=False,
    same_site="lax",
)


@app.get("/whoami")
def whoami(request: Request):
    return {"user": request.session.get("user")}
