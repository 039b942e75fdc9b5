import csv
import random
import sys

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def generate_coupons(count, value):
    rng = random.SystemRandom()
    with open("coupons.csv", "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["code", "value_eur"])
        for _ in range(count):
            writer.writerow(["".join(rng.choices(ALPHABET, k=10)), value])


if __name__ == "__main__":
    generate_coupons(int(sys.argv[1]), int(sys.argv[2]))
