import base64
import json
import pickle

from fastapi import FastAPI

app = FastAPI()


@app.get("/wizard/restore/{blob}")
def restore_wizard(blob: str):
    data = base64.urlsafe_b64decode(blob + "=" * (-len(blob) % 4))
    wizard = json.loads(data)
    return {"step": wizard["step"], "answers": wizard["answers"]}
