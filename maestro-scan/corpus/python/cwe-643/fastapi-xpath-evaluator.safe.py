from fastapi import FastAPI
from lxml import etree

app = FastAPI()
PLAYLISTS = etree.parse("playlists.xml")
evaluate = etree.XPathEvaluator(PLAYLISTS)


@app.get("/playlists/{owner}/tracks")
def tracks(owner: str):
    result = evaluate("//playlist[@owner=$owner]/track/@title", owner=owner)
    return {"owner": owner, "tracks": [str(t) for t in result]}
