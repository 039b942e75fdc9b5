from fastapi import FastAPI
from jinja2 import Template
from pydantic import BaseModel

app = FastAPI()


class Greeting(BaseModel):
    name: str
    message: str


@app.post("/cards/preview")
def preview_card(card: Greeting):
    html = Template("<h2>Dear {{ name }}</h2><p>{{ message }}</p>").render(name=card.name, message=card.message)
    return {"html": html}
