#!/usr/bin/env ruby
require "json"

srand(Time.now.to_i)
nonce = rand(2**64).to_s(16)
request = { client: ENV.fetch("CLIENT_ID"), nonce: nonce, issued_at: Time.now.to_i }
File.write("auth_request.json", JSON.pretty_generate(request))
puts "nonce #{nonce} written"
