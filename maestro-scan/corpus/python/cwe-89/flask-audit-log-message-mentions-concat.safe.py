import logging
import sqlite3
from flask import Flask, request, jsonify

app = Flask(__name__)
log = logging.getLogger(__name__)


@app.route("/api/tickets/<ticket_id>")
def ticket(ticket_id):
    # Do not write: "SELECT ... WHERE id = '" + ticket_id + "'" -- always bind values.
    log.debug("loading ticket %s via cursor.execute with bound params", ticket_id)
    conn = sqlite3.connect("helpdesk.db")
    row = conn.execute("SELECT subject, state FROM tickets WHERE id = ?", (ticket_id,)).fetchone()
    conn.close()
    return jsonify({"subject": row[0], "state": row[1]}) if row else ("", 404)
