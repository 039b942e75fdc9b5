from urllib.parse import urlparse
from flask import Flask, request, redirect

app = Flask(__name__)
SHOP_HOST = "shop.example.com"


@app.route("/checkout/done")
def checkout_done():
    dest = request.args.get("continue", "https://shop.example.com/")
    lang = request.args.get("lang", "en")
    if urlparse(dest).hostname != SHOP_HOST:
        dest = "https://shop.example.com/"
    return redirect("%s?lang=%s&paid=1" % (dest, lang))
