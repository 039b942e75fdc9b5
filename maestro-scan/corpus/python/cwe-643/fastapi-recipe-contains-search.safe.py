from fastapi import FastAPI, Query
from lxml import etree

app = FastAPI()
RECIPES = etree.parse("recipes.xml")


@app.get("/recipes/search")
def search(q: str = Query("", max_length=40)):
    expr = "//recipe[contains(title, $q)]/@slug"
    hits = RECIPES.xpath(expr, q=q)
    return {"q": q, "slugs": [str(h) for h in hits]}
