import random
import secrets

from fastapi import FastAPI

app = FastAPI()
PENDING = {}


@app.post("/devices/pair")
def start_pairing(device_name: str):
    pairing_code = f"{random.randint(0, 99999999):08d}"
    PENDING[pairing_code] = device_name
    return {"pairing_code": pairing_code, "expires_in": 120}
