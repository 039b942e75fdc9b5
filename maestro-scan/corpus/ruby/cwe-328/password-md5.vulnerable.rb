require "digest"

class User < ApplicationRecord
  def password=(plain)
    self.password_digest = Digest::MD5.hexdigest(plain)
  end

  def authenticate(plain)
    password_digest == Digest::MD5.hexdigest(plain) && self
  end
end
