import subprocess
from fastapi import FastAPI

app = FastAPI()
REPO_DIR = "/srv/repos/website"


@app.get("/repo/history")
def history(branch: str = "main", limit: int = 20):
    out = subprocess.check_output(
        ["git", "log", "--oneline", "-n", str(limit), branch], cwd=REPO_DIR, text=True
    )
    return {"branch": branch, "commits": out.splitlines()}
