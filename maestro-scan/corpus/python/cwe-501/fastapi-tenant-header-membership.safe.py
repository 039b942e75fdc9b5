import os

from fastapi import FastAPI, Header, HTTPException, Request
from starlette.middleware.sessions import SessionMiddleware

from .auth import tenants_for_user

app = FastAPI()
app.add_middleware(SessionMiddleware, secret_key=os.environ["SESSION_SECRET"], https_only=True)


@app.post("/tenants/select")
def select_tenant(request: Request, x_tenant_id: str = Header(...)):
    user_id = request.session.get("user_id")
    if user_id is None:
        raise HTTPException(401)
    if x_tenant_id not in tenants_for_user(user_id):
        raise HTTPException(403)
    request.session["tenant_id"] = x_tenant_id
    return {"tenant": x_tenant_id}
