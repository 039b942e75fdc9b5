from flask import Flask, request, jsonify
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import text

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql:///inventory"
db = SQLAlchemy(app)


@app.post("/api/products/search")
def search_products():
    payload = request.get_json(force=True)
    category = payload.get("category", "")
    stmt = text(f"SELECT sku, title FROM products WHERE category = '{category}'")
    rows = db.session.execute(stmt).fetchall()
    return jsonify([{"sku": r.sku, "title": r.title} for r in rows])
