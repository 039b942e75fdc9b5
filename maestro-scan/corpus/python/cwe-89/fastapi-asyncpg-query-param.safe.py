import asyncpg
from fastapi import FastAPI, Query

app = FastAPI()
DSN = "postgresql://app@localhost/library"


@app.get("/books")
async def books_by_author(author: str = Query(...)):
    conn = await asyncpg.connect(DSN)
    try:
        rows = await conn.fetch("SELECT isbn, title FROM books WHERE author = $1", author)
    finally:
        await conn.close()
    return [{"isbn": r["isbn"], "title": r["title"]} for r in rows]
