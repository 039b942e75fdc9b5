require "bcrypt"

class User < ApplicationRecord
  def password=(plain)
    self.password_digest = BCrypt::Password.create(plain)
  end

  def authenticate(plain)
    BCrypt::Password.new(password_digest) == plain && self
  end
end
