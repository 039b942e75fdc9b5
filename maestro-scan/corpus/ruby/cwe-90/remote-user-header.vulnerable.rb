require "net/ldap"

class SsoController < ApplicationController
  def whoami
    remote_user = request.headers["X-Remote-User"]
    ldap = Net::LDAP.new(host: "ldap", port: 389)
    filter = "(&(objectClass=inetOrgPerson)(uid=#{remote_user}))"
    entry = ldap.search(base: "dc=example,dc=org", filter: filter, attributes: %w[cn mail]).first
    render json: { cn: entry&.cn&.first, mail: entry&.mail&.first }
  end
end
