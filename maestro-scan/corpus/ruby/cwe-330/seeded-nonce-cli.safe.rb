#!/usr/bin/env ruby
require "json"
require "securerandom"

nonce = SecureRandom.hex(8)
request = { client: ENV.fetch("CLIENT_ID"), nonce: nonce, issued_at: Time.now.to_i }
File.write("auth_request.json", JSON.pretty_generate(request))
puts "nonce #{nonce} written"
