import math
import sys

FUNCTIONS = {"sin": math.sin, "cos": math.cos, "exp": math.exp, "sqrt": math.sqrt}


def main():
    expr = sys.argv[1] if len(sys.argv) > 1 else "sin"
    f = FUNCTIONS[expr]
    for i in range(0, 11):
        x = i / 10
        print(f"{x:4.1f} {f(x):8.4f}")


if __name__ == "__main__":
    main()
