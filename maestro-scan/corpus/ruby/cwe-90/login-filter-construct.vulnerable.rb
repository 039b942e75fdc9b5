require "net/ldap"

class DirectoryLogin
  def initialize
    @ldap = Net::LDAP.new(host: "ldap.corp.local", port: 636, encryption: :simple_tls)
  end

  def find_user(username)
    filter = Net::LDAP::Filter.construct("(&(objectClass=person)(uid=#{username}))")
    @ldap.search(base: "ou=people,dc=corp,dc=local", filter: filter).first
  end
end

class LdapSessionsController < ApplicationController
  def create
    entry = DirectoryLogin.new.find_user(params[:username])
    entry ? render(json: { dn: entry.dn }) : head(:unauthorized)
  end
end
