import ast
from fastapi import FastAPI, HTTPException

app = FastAPI()


@app.get("/geo/distance")
def distance(a: str, b: str):
    try:
        x1, y1 = ast.literal_eval(a)
        x2, y2 = ast.literal_eval(b)
    except (ValueError, SyntaxError):
        raise HTTPException(400, "points must look like (x, y); they are not passed to eval()")
    return {"distance": ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5}
