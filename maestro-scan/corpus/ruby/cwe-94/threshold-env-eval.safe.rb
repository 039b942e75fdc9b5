#!/usr/bin/env ruby
require "json"

limit_expr = ENV.fetch("ALERT_THRESHOLD", "100")
metrics = JSON.parse(File.read("/var/run/metrics.json"))

threshold = Float(limit_expr)
metrics.each do |name, value|
  warn "#{name} above threshold (#{value})" if value.to_f > threshold
end
