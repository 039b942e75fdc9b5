import sqlite3
import sys


def main():
    if len(sys.argv) < 2:
        print("usage: report.py CUSTOMER_NAME")
        return 1
    customer = sys.argv[1]
    conn = sqlite3.connect("crm.sqlite3")
    sql = "SELECT invoice_no, amount FROM invoices WHERE customer = ?"
    for invoice_no, amount in conn.execute(sql, (customer,)):
        print(f"{invoice_no}\t{amount:.2f}")
    conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
