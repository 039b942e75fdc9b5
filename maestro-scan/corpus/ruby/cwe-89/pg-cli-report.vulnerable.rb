#!/usr/bin/env ruby
require "pg"

region = ARGV.fetch(0) { abort "usage: sales_report REGION" }
conn = PG.connect(dbname: ENV.fetch("REPORT_DB", "sales"))

result = conn.exec("SELECT product, SUM(amount) AS total FROM sales " \
                   "WHERE region = '#{region}' GROUP BY product ORDER BY total DESC")
result.each do |row|
  puts format("%-30s %12.2f", row["product"], row["total"].to_f)
end
conn.close
