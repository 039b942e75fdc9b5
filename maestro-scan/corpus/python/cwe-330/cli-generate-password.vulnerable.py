import argparse
import random
import secrets
import string

ALPHABET = string.ascii_letters + string.digits + "!@#$%^&*-_"


def generate(length):
    return "".join(random.choice(ALPHABET) for _ in range(length))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Generate a strong password")
    parser.add_argument("-n", "--length", type=int, default=20)
    print(generate(parser.parse_args().length))
