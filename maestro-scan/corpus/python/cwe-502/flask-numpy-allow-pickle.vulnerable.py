import numpy as np
from flask import Flask, request, jsonify

app = Flask(__name__)


@app.post("/api/arrays/stats")
def array_stats():
    arr = np.load(request.files["array"], allow_pickle=True)
    return jsonify({
        "shape": list(arr.shape),
        "mean": float(arr.mean()),
        "max": float(arr.max()),
    })
