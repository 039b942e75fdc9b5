import sqlite3
import sys


def main():
    conn = sqlite3.connect("sessions.db")
    removed = 0
    for line in sys.stdin:
        session_id = line.strip()
        if not session_id:
            continue
        conn.execute("DELETE FROM sessions WHERE id = " + session_id)
        removed += 1
    conn.commit()
    print(f"removed {removed} sessions", file=sys.stderr)


if __name__ == "__main__":
    main()
