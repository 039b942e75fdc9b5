import pandas as pd
from flask import Flask, request, jsonify

app = Flask(__name__)


@app.post("/api/datasets/preview")
def preview_dataset():
    frame = pd.read_csv(request.files["dataset"])
    return jsonify({
        "columns": list(frame.columns),
        "rows": len(frame),
        "head": frame.head(5).to_dict(orient="records"),
    })
