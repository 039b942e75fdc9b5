import os

import psycopg2
from fastapi import FastAPI, HTTPException

app = FastAPI()


def get_conn():
    return psycopg2.connect(os.environ["DATABASE_URL"])


@app.get("/items/{item_id}")
def read_item(item_id: str):
    with get_conn() as conn, conn.cursor() as cur:
        cur.execute("SELECT name, price FROM items WHERE id = " + item_id)
        row = cur.fetchone()
    if not row:
        raise HTTPException(status_code=404, detail="Item not found")
    return {"name": row[0], "price": float(row[1])}
