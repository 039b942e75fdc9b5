use postgres::{Client, NoTls};
use std::env;

fn main() -> Result<(), postgres::Error> {
    let region = env::args().nth(1).expect("usage: sales-report REGION");
    let mut client = Client::connect("host=localhost user=reports dbname=sales", NoTls)?;
    let sql = "SELECT product, SUM(amount)::TEXT FROM sales WHERE region = $1 GROUP BY product";
    for row in client.query(sql, &[&region])? {
        let product: String = row.get(0);
        let total: String = row.get(1);
        println!("{product:<30} {total:>12}");
    }
    Ok(())
}
