import argparse
import os
import subprocess


def main():
    parser = argparse.ArgumentParser(description="Dump a database to a file")
    parser.add_argument("database")
    parser.add_argument("--out", default="dump.sql")
    args = parser.parse_args()
    os.system("pg_dump --no-owner " + args.database + " > " + args.out)


if __name__ == "__main__":
    main()
