from flask import Flask, request, redirect, url_for
from sqlalchemy import create_engine

app = Flask(__name__)
engine = create_engine("postgresql:///newsletter")


@app.post("/unsubscribe")
def unsubscribe():
    address = request.form.get("email", "")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE subscribers SET active = false WHERE email = '%s'" % address
        )
    return redirect(url_for("goodbye"))


@app.route("/goodbye")
def goodbye():
    return "You have been unsubscribed."
