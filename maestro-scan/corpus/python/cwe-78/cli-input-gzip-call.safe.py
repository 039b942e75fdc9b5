import subprocess


def compress_log():
    name = input("Log file to compress: ").strip()
    if not name:
        print("nothing to do")
        return
    subprocess.call(["gzip", "-9", name])
    print(f"compressed {name}")


if __name__ == "__main__":
    compress_log()
