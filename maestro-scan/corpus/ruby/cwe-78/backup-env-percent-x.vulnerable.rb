#!/usr/bin/env ruby
DATABASES = %w[orders inventory customers].freeze

db = ENV.fetch("BACKUP_DB", "orders")
stamp = Time.now.strftime("%Y%m%d%H%M")
dump = %x(pg_dump --format=custom #{db} --file=/var/backups/#{db}-#{stamp}.dump)
puts dump
puts "backup finished for #{db}"
