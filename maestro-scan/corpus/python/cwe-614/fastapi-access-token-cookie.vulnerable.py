from fastapi import FastAPI, Response, HTTPException
from pydantic import BaseModel

from .security import authenticate_user, create_access_token

app = FastAPI()


class LoginForm(BaseModel):
    username: str
    password: str


@app.post("/auth/login")
def login(form: LoginForm, response: Response):
    user = authenticate_user(form.username, form.password)
    if not user:
        raise HTTPException(status_code=401)
    response.set_cookie(key="access_token", value=create_access_token(user.id), max_age=1800)
    return {"ok": True}
