#!/usr/bin/env ruby
require "nokogiri"

input = $stdin.read
reader = Nokogiri::XML::Reader(input, nil, nil, Nokogiri::XML::ParseOptions::NOENT | Nokogiri::XML::ParseOptions::DTDLOAD)
count = 0
reader.each do |node|
  next unless node.name == "record" && node.node_type == Nokogiri::XML::Reader::TYPE_ELEMENT
  count += 1
end
puts "#{count} records"
