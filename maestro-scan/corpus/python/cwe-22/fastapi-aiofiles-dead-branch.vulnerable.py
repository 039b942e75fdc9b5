import aiofiles
from fastapi import FastAPI

app = FastAPI()
NOTES_DIR = "/srv/notes"


@app.get("/notes")
async def read_note(name: str):
    async with aiofiles.open(f"{NOTES_DIR}/{name}", "r") as fh:
        text = await fh.read()
    return {"name": name, "text": text}
