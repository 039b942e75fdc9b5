import sqlite3
import sys


def main():
    conn = sqlite3.connect("sessions.db")
    removed = 0
    for line in sys.stdin:
        raw = line.strip()
        if not raw.isdigit():
            continue
        session_id = str(int(raw))
        conn.execute("DELETE FROM sessions WHERE id = " + session_id)
        removed += 1
    conn.commit()
    print(f"removed {removed} sessions", file=sys.stderr)


if __name__ == "__main__":
    main()
