import json

import jsonpickle
from fastapi import FastAPI, Request

app = FastAPI()


@app.post("/simulations/resume")
async def resume_simulation(request: Request):
    body = await request.body()
    state = json.loads(body)
    step = state.get("step", 0) + 1
    return {"resumed_at": step, "agents": len(state.get("agents", []))}
