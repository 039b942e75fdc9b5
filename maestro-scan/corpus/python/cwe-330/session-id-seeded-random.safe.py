import random
import secrets
import time


class SessionStore:
    def __init__(self):
        self.sessions = {}

    def create(self, user_id):
        session_id = secrets.token_hex(16)
        self.sessions[session_id] = {"user_id": user_id, "created": time.time()}
        return session_id

    def get(self, session_id):
        return self.sessions.get(session_id)
