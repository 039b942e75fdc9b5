#!/usr/bin/env ruby
require "pg"

region = ARGV.fetch(0) { abort "usage: sales_report REGION" }
conn = PG.connect(dbname: ENV.fetch("REPORT_DB", "sales"))

result = conn.exec_params("SELECT product, SUM(amount) AS total FROM sales " \
                   "WHERE region = $1 GROUP BY product ORDER BY total DESC", [region])
result.each do |row|
  puts format("%-30s %12.2f", row["product"], row["total"].to_f)
end
conn.close
