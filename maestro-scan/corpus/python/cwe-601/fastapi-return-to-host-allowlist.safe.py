from urllib.parse import urlparse

from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()
TRUSTED_HOSTS = {"app.example.com", "docs.example.com"}


@app.get("/logout")
def logout(return_to: str = "https://app.example.com/"):
    if urlparse(return_to).hostname not in TRUSTED_HOSTS:
        return_to = "https://app.example.com/"
    response = RedirectResponse(url=return_to, status_code=303)
    response.delete_cookie("session")
    return response
