import hashlib

from argon2 import PasswordHasher
from argon2.exceptions import VerifyMismatchError
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

from .users import find_user

app = FastAPI()
ph = PasswordHasher()


class Credentials(BaseModel):
    username: str
    password: str


@app.post("/token")
def login(creds: Credentials):
    user = find_user(creds.username)
    try:
        if user is None or not ph.verify(user.password_hash, creds.password):
            raise HTTPException(status_code=401, detail="invalid credentials")
    except VerifyMismatchError:
        raise HTTPException(status_code=401, detail="invalid credentials")
    return {"access_token": user.issue_token()}
