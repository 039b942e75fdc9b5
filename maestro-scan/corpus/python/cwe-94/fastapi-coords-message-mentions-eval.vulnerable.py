import ast
from fastapi import FastAPI, HTTPException

app = FastAPI()


@app.get("/geo/distance")
def distance(a: str, b: str):
    try:
        x1, y1 = eval(a)
        x2, y2 = eval(b)
    except (ValueError, SyntaxError):
        raise HTTPException(400, "points must look like (x, y)")
    return {"distance": ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5}
