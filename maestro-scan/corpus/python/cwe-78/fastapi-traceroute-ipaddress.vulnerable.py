import ipaddress
import subprocess

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class TraceRequest(BaseModel):
    target: str
    max_hops: int = 15


@app.post("/netops/trace")
def trace(req: TraceRequest):
    target = req.target
    out = subprocess.run(
        f"traceroute -m {req.max_hops} {target}", shell=True, capture_output=True, text=True
    )
    return {"target": target, "hops": out.stdout.splitlines()[1:]}
