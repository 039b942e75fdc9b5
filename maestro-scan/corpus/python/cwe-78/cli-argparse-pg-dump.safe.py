import argparse
import os
import subprocess


def main():
    parser = argparse.ArgumentParser(description="Dump a database to a file")
    parser.add_argument("database")
    parser.add_argument("--out", default="dump.sql")
    args = parser.parse_args()
    with open(args.out, "wb") as fh:
        subprocess.run(["pg_dump", "--no-owner", args.database], stdout=fh, check=True)


if __name__ == "__main__":
    main()
