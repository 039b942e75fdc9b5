import xml.sax
from xml.dom import pulldom
from xml.sax.handler import feature_external_ges

from fastapi import FastAPI, Request

app = FastAPI()


@app.post("/rss/titles")
async def rss_titles(request: Request):
    body = await request.body()
    sax_parser = xml.sax.make_parser()
    sax_parser.setFeature(feature_external_ges, True)
    titles = []
    events = pulldom.parseString(body.decode("utf-8"), parser=sax_parser)
    for event, node in events:
        if event == pulldom.START_ELEMENT and node.tagName == "title":
            events.expandNode(node)
            titles.append(node.firstChild.data if node.firstChild else "")
    return {"titles": titles}
