require "digest"

class PasswordResetToken
  def self.store(user, token)
    user.update!(reset_digest: Digest::MD5.hexdigest(token), reset_sent_at: Time.current)
  end

  def self.valid?(user, token)
    user.reset_digest == Digest::MD5.hexdigest(token) && user.reset_sent_at > 2.hours.ago
  end
end
