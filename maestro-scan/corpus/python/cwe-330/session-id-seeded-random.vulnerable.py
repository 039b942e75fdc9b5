import random
import secrets
import time


class SessionStore:
    def __init__(self):
        self.sessions = {}

    def create(self, user_id):
        rng = random.Random(time.time())
        session_id = "%016x%016x" % (rng.getrandbits(64), rng.getrandbits(64))
        self.sessions[session_id] = {"user_id": user_id, "created": time.time()}
        return session_id

    def get(self, session_id):
        return self.sessions.get(session_id)
