#!/usr/bin/env ruby
require "shellwords"

def rsync_command(source, dest)
  Shellwords.join(["rsync", "-az", "--delete", source, "deploy@backup01:#{dest}"])
end

source, dest = ARGV
abort "usage: mirror SOURCE DEST" unless source && dest
puts "mirroring #{source}"
exec(rsync_command(source, dest))
