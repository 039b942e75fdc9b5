from xml.dom import pulldom

import defusedxml.pulldom

from fastapi import FastAPI, Request

app = FastAPI()


@app.post("/rss/titles")
async def rss_titles(request: Request):
    body = await request.body()
    titles = []
    events = defusedxml.pulldom.parseString(body.decode("utf-8"))
    for event, node in events:
        if event == pulldom.START_ELEMENT and node.tagName == "title":
            events.expandNode(node)
            titles.append(node.firstChild.data if node.firstChild else "")
    return {"titles": titles}
