import base64
import json
import os
import pickle


def resume():
    encoded = os.environ.get("CRAWLER_STATE")
    state = json.loads(base64.b64decode(encoded)) if encoded else {"seen": [], "queue": ["/"]}
    print(f"resuming with {len(state['queue'])} queued and {len(state['seen'])} seen pages")
    return state


if __name__ == "__main__":
    resume()
