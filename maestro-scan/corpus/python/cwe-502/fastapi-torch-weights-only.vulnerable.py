import io

import torch
from fastapi import FastAPI, UploadFile

app = FastAPI()


@app.post("/models/inspect")
async def inspect_checkpoint(checkpoint: UploadFile):
    buffer = io.BytesIO(await checkpoint.read())
    state = torch.load(buffer, map_location="cpu", weights_only=False)
    return {name: list(t.shape) for name, t in state.items()}
