import os

import pandas as pd
from sqlalchemy import create_engine


def export_sales():
    country = os.environ.get("REPORT_COUNTRY", "FR")
    engine = create_engine(os.environ["WAREHOUSE_URL"])
    df = pd.read_sql(
        "SELECT day, SUM(amount) AS total FROM sales WHERE country = %(country)s GROUP BY day",
        engine,
        params={"country": country},
    )
    df.to_csv(f"sales_{country.lower()}.csv", index=False)


if __name__ == "__main__":
    export_sales()
