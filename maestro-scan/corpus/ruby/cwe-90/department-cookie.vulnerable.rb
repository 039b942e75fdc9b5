require "net/ldap"

class OrgChartController < ApplicationController
  def index
    department = cookies[:department]
    ldap = Net::LDAP.new(host: "ldap", port: 389)
    filter = Net::LDAP::Filter.construct("(departmentNumber=#{department})")
    @people = ldap.search(base: "ou=people,dc=example,dc=com", filter: filter)
    render :index
  end
end
