import io
import xml.sax
from xml.sax.handler import feature_external_ges

from fastapi import FastAPI, UploadFile

app = FastAPI()


class CountHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.counts = {}

    def startElement(self, name, attrs):
        self.counts[name] = self.counts.get(name, 0) + 1


@app.post("/xml/stats")
async def xml_stats(file: UploadFile):
    handler = CountHandler()
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, False)
    parser.setContentHandler(handler)
    parser.parse(io.BytesIO(await file.read()))
    return handler.counts
