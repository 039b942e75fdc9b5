import random
import secrets
import string
import sys

from app.db import create_user

FIRST_NAMES = ["Ada", "Grace", "Linus", "Ken", "Barbara"]


def main():
    email = sys.argv[1]
    display_name = random.choice(FIRST_NAMES) + " (admin)"
    password = "".join(random.sample(string.ascii_letters + string.digits, 16))
    create_user(email=email, name=display_name, password=password, is_admin=True)
    print(f"created {email} with temporary password: {password}")


if __name__ == "__main__":
    main()
