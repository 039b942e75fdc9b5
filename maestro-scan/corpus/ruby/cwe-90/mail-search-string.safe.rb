require "net/ldap"

class ContactsController < ApplicationController
  def lookup
    email = Net::LDAP::Filter.escape(params[:email].to_s)
    ldap = Net::LDAP.new(host: "directory", port: 389)
    results = ldap.search(base: "dc=example,dc=com", filter: "(mail=#{email})",
                          attributes: %w[cn telephoneNumber])
    render json: results.map { |e| { name: e.cn.first, phone: e.telephonenumber.first } }
  end
end
