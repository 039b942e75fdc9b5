require "openssl"
require "base64"

module RememberCookie
  SECRET = Rails.application.secret_key_base

  def self.sign(user_id)
    payload = Base64.urlsafe_encode64(user_id.to_s)
    "#{payload}--#{OpenSSL::HMAC.base64digest("SHA256", SECRET, payload)}"
  end
end
