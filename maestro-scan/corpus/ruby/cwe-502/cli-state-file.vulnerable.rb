#!/usr/bin/env ruby
require "json"

path = ARGV.fetch(0) { abort "usage: resume_import STATE_FILE" }
state = Marshal.load(File.binread(path))
puts "resuming import #{state[:import_id]} at row #{state[:row]}"
