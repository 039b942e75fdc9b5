import os

from fastapi import FastAPI, Request
from pydantic import BaseModel
from starlette.middleware.sessions import SessionMiddleware

app = FastAPI()
app.add_middleware(SessionMiddleware, secret_key=os.environ["SESSION_SECRET"], https_only=True)
PLANS = {"free": "free", "pro": "pro", "team": "team"}


class PlanChoice(BaseModel):
    plan: str


@app.post("/billing/plan")
def choose_plan(choice: PlanChoice, request: Request):
    request.session["plan"] = choice.plan
    return {"plan": request.session["plan"]}
