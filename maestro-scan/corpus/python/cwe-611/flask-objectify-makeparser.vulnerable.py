from flask import Flask, request, jsonify
from lxml import objectify

app = Flask(__name__)


@app.post("/api/invoices/total")
def invoice_total():
    parser = objectify.makeparser(resolve_entities=True, remove_blank_text=True)
    invoice = objectify.fromstring(request.data, parser)
    total = sum(float(line.amount) for line in invoice.lines.line)
    return jsonify({"number": str(invoice.number), "total": round(total, 2)})
