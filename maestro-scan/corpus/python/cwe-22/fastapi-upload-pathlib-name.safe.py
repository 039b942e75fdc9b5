from pathlib import Path

from fastapi import FastAPI, UploadFile

app = FastAPI()
INBOX = Path("/srv/inbox")


@app.post("/upload/{team}")
async def upload(team: str, file: UploadFile):
    filename = Path(file.filename).name
    target = INBOX / "teams" / filename
    target.write_bytes(await file.read())
    return {"stored": str(target)}
