#!/usr/bin/env ruby
require "rexml/document"

host = ARGV.fetch(0)
doc = REXML::Document.new(File.read("/etc/monitoring/hosts.xml"))
checks = REXML::XPath.match(doc, "/hosts/host[@name=$host]/check", nil, { "host" => host })
checks.each { |c| puts "#{c.attributes['type']} every #{c.attributes['interval']}s" }
