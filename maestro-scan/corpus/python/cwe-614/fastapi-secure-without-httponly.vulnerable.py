from fastapi import FastAPI, Depends
from fastapi.responses import RedirectResponse

from .auth import require_user, mint_refresh_token

app = FastAPI()


@app.post("/auth/refresh-cookie")
def set_refresh_cookie(user=Depends(require_user)):
    response = RedirectResponse("/app", status_code=303)
    response.set_cookie("refresh_token", mint_refresh_token(user), secure=True, samesite="strict")
    return response
