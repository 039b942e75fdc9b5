from xml.etree import ElementTree

import elementpath
from fastapi import FastAPI, HTTPException

app = FastAPI()
INVENTORY = ElementTree.parse("inventory.xml").getroot()


@app.get("/stock/{sku}")
def stock(sku: str):
    nodes = elementpath.select(INVENTORY, f"//product[@sku='{sku}']/quantity")
    if not nodes:
        raise HTTPException(404, "unknown sku")
    return {"sku": sku, "quantity": int(nodes[0].text)}
