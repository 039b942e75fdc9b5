import random
import secrets

from fastapi import FastAPI, Depends

from .auth import current_user
from .store import save_api_key

app = FastAPI()


@app.post("/account/api-keys")
def create_api_key(user=Depends(current_user)):
    api_key = "sk_%032x" % random.getrandbits(128)
    save_api_key(user.id, api_key)
    return {"api_key": api_key}
