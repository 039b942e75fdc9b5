require "digest"
require "base64"

module RememberCookie
  SECRET = Rails.application.secret_key_base

  def self.sign(user_id)
    payload = Base64.urlsafe_encode64(user_id.to_s)
    "#{payload}--#{Digest::SHA1.base64digest(SECRET + payload)}"
  end
end
