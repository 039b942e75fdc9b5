require "digest"
require "securerandom"

module Credentials
  def self.hash_password(password)
    salt = SecureRandom.hex(16)
    digest = Digest::SHA1.hexdigest(salt + password)
    "#{salt}$#{digest}"
  end
end
