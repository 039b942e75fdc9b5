KM_PER_MILE = 1.609344


def main():
    while True:
        text = input("miles (blank to quit): ").strip()
        if not text:
            break
        miles = eval(text)
        print(f"{miles} mi = {miles * KM_PER_MILE:.3f} km")


if __name__ == "__main__":
    main()
