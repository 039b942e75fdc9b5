require "sinatra"
require "net/ldap"
require "json"

LDAP = Net::LDAP.new(host: "ldap.internal", port: 389)

get "/people/autocomplete" do
  term = params["term"].to_s
  filter = Net::LDAP::Filter.construct("(|(cn=*#{term}*)(mail=*#{term}*))")
  entries = LDAP.search(base: "ou=people,dc=internal", filter: filter, size: 10)
  content_type :json
  entries.map { |e| e.cn.first }.to_json
end
