require "net/ldap"

class PeopleDirectory
  BASE = "ou=staff,dc=uni,dc=edu".freeze

  def initialize(ldap)
    @ldap = ldap
  end

  def by_employee_number(number)
    @ldap.search(base: BASE, filter: filter_for(number))
  end

  private

  def filter_for(number)
    format("(employeeNumber=%s)", Net::LDAP::Filter.escape(number.to_s))
  end
end

class StaffController < ApplicationController
  def show
    ldap = Net::LDAP.new(host: "ldap.uni.edu", port: 389)
    entries = PeopleDirectory.new(ldap).by_employee_number(params[:employee])
    render json: entries.map(&:dn)
  end
end
