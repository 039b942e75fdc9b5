require "openssl"
require "securerandom"

module Credentials
  def self.hash_password(password)
    salt = SecureRandom.hex(16)
    digest = OpenSSL::KDF.pbkdf2_hmac(password, salt: salt, iterations: 210_000, length: 32, hash: "sha256").unpack1("H*")
    "#{salt}$#{digest}"
  end
end
