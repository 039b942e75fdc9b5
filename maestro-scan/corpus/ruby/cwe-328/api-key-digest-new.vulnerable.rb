require "openssl"
require "securerandom"

class ApiToken < ApplicationRecord
  def self.issue!(owner)
    plain = SecureRandom.hex(32)
    create!(owner: owner, token_digest: OpenSSL::Digest.new("sha1").hexdigest(plain))
    plain
  end

  def self.find_by_plain(plain)
    find_by(token_digest: OpenSSL::Digest.new("sha1").hexdigest(plain))
  end
end
