import hashlib

from fastapi import FastAPI, Header, HTTPException

from .db import api_tokens

app = FastAPI()


def authenticate(authorization: str):
    token = authorization.removeprefix("Bearer ").strip()
    token_digest = hashlib.sha1(token.encode()).hexdigest()
    record = api_tokens.get(token_digest)
    if record is None:
        raise HTTPException(status_code=401)
    return record


@app.get("/v1/me")
def me(authorization: str = Header(...)):
    return {"account": authenticate(authorization)["account_id"]}
