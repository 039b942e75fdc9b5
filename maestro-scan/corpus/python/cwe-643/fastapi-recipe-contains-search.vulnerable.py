from fastapi import FastAPI, Query
from lxml import etree

app = FastAPI()
RECIPES = etree.parse("recipes.xml")


@app.get("/recipes/search")
def search(q: str = Query("", max_length=40)):
    expr = "//recipe[contains(title, '%s')]/@slug" % q
    hits = RECIPES.xpath(expr)
    return {"q": q, "slugs": [str(h) for h in hits]}
