import os
import shutil
import smtplib


def check_disk():
    threshold = eval(os.environ.get("DISK_ALERT_THRESHOLD", "0.9"))
    usage = shutil.disk_usage("/")
    ratio = usage.used / usage.total
    if ratio > threshold:
        with smtplib.SMTP("localhost") as smtp:
            smtp.sendmail("monitor@example.com", ["ops@example.com"],
                          f"Subject: disk at {ratio:.0%}\n\nRoot volume is filling up.")


if __name__ == "__main__":
    check_disk()
