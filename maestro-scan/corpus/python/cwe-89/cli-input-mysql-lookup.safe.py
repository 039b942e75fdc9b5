import mysql.connector


def lookup_employee():
    conn = mysql.connector.connect(user="hr", database="hr", host="localhost")
    cursor = conn.cursor()
    last_name = input("Last name: ").strip()
    cursor.execute("SELECT emp_no, first_name, hire_date FROM employees WHERE last_name = %s", (last_name,))
    for emp_no, first_name, hire_date in cursor:
        print(emp_no, first_name, hire_date)
    cursor.close()
    conn.close()


if __name__ == "__main__":
    lookup_employee()
