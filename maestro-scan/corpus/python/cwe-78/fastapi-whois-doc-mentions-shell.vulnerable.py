import subprocess
from fastapi import FastAPI

app = FastAPI()


@app.get("/whois/{domain}")
def whois(domain: str):
    """Look up registration data for a domain."""
    proc = subprocess.run(f"whois {domain}", shell=True, capture_output=True, text=True, timeout=10)
    return {"domain": domain, "raw": proc.stdout}
