import json
import pickle
import sys


def main():
    with open(sys.argv[1], "r", encoding="utf-8") as fh:
        model = json.load(fh)
    features = [float(x) for x in sys.argv[2:]]
    score = sum(w * f for w, f in zip(model["weights"], features)) + model["bias"]
    print(f"score={score:.4f}")


if __name__ == "__main__":
    main()
