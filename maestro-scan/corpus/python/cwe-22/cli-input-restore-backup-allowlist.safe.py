import os
import shutil

BACKUP_DIR = "/var/backups/site"


def restore():
    available = sorted(os.listdir(BACKUP_DIR))
    print("available:", ", ".join(available))
    choice = input("restore which backup? ").strip()
    if choice not in available:
        raise SystemExit("no such backup")
    shutil.copy(os.path.join(BACKUP_DIR, choice), "/srv/site/db.sqlite3")
    print("restored", choice)


if __name__ == "__main__":
    restore()
