import os

from flask import Flask
from flask_login import LoginManager


class ProductionConfig:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SECURE = True
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_DURATION = 60 * 60 * 24 * 30


app = Flask(__name__)
app.config.from_object(ProductionConfig)
login_manager = LoginManager(app)
