from fastapi import FastAPI
from lxml import etree
from pydantic import BaseModel

app = FastAPI()


class Shipment(BaseModel):
    carrier: str
    manifest_xml: str


@app.post("/shipments")
def create_shipment(shipment: Shipment):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    manifest = etree.fromstring(shipment.manifest_xml.encode(), parser)
    parcels = [p.get("id") for p in manifest.iter("parcel")]
    return {"carrier": shipment.carrier, "parcels": parcels}
