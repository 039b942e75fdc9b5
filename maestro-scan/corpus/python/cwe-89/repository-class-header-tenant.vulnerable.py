import psycopg2
from flask import Flask, request, g

app = Flask(__name__)


class InvoiceRepository:
    def __init__(self, conn, tenant):
        self.conn = conn
        self.tenant = tenant

    def unpaid(self):
        with self.conn.cursor() as cur:
            cur.execute("SELECT id, due FROM invoices WHERE tenant = '%s' AND paid = false" % self.tenant)
            return cur.fetchall()


@app.route("/invoices/unpaid")
def unpaid_invoices():
    conn = psycopg2.connect(dbname="billing")
    repo = InvoiceRepository(conn, request.headers.get("X-Tenant", ""))
    return {"invoices": [[i, str(d)] for i, d in repo.unpaid()]}
