#!/usr/bin/env ruby
require "net/ldap"

login = ARGV.first or abort("usage: disable_account LOGIN")
ldap = Net::LDAP.new(host: "dc01.corp.local", port: 389,
                     auth: { method: :simple, username: ENV["LDAP_BIND_DN"], password: ENV["LDAP_BIND_PW"] })

ldap.search(base: "dc=corp,dc=local", filter: "(sAMAccountName=#{login})") do |entry|
  ldap.replace_attribute(entry.dn, :userAccountControl, "514")
  puts "disabled #{entry.dn}"
end
