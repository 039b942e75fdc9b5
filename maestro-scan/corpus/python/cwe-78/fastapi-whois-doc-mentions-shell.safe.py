import subprocess
from fastapi import FastAPI

app = FastAPI()


@app.get("/whois/{domain}")
def whois(domain: str):
    """Look up registration data for a domain.

    Runs whois directly; never os.system("whois " + domain) or shell=True here.
    """
    proc = subprocess.run(["whois", domain], capture_output=True, text=True, timeout=10)
    return {"domain": domain, "raw": proc.stdout}
