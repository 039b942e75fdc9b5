require "net/ldap"

class GroupsController < ApplicationController
  def members
    group = JSON.parse(request.body.read).fetch("group")
    ldap = Net::LDAP.new(host: ENV["LDAP_HOST"], port: 389)
    filter = Net::LDAP::Filter.construct("(&(objectClass=groupOfNames)(cn=#{group}))")
    entry = ldap.search(base: "ou=groups,dc=acme,dc=io", filter: filter).first
    render json: { members: entry ? entry[:member] : [] }
  end
end
