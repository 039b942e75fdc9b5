from fastapi import FastAPI, Header
from fastapi.responses import HTMLResponse
from jinja2.sandbox import SandboxedEnvironment

app = FastAPI()
env = SandboxedEnvironment(autoescape=True)


@app.get("/reports/weekly", response_class=HTMLResponse)
def weekly_report(x_report_title: str = Header("Weekly report")):
    title = env.from_string(x_report_title).render(week=27, team="platform")
    return f"<html><head><title>{title}</title></head><body>...</body></html>"
