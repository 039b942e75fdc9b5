from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse

app = FastAPI()
REPORTS = Path("/srv/reports")


@app.get("/reports/{name:path}")
def get_report(name: str):
    target = REPORTS / name
    if not target.exists():
        raise HTTPException(status_code=404)
    return FileResponse(target)
