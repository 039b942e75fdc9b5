import os
import logging

import psycopg2

log = logging.getLogger("archiver")
ARCHIVABLE = {"audit_events", "login_attempts", "email_outbox"}


def purge_old_rows():
    table = os.environ.get("ARCHIVE_TABLE", "audit_events")
    days = 90
    conn = psycopg2.connect(os.environ["DATABASE_URL"])
    with conn, conn.cursor() as cur:
        cur.execute(
            "DELETE FROM {} WHERE created_at < now() - interval '%s days'".format(table),
            (days,),
        )
        log.info("purged %d rows from %s", cur.rowcount, table)


if __name__ == "__main__":
    purge_old_rows()
