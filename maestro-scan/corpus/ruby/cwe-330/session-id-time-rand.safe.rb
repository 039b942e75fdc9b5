require "securerandom"

class SessionStore
  def self.new_session_id
    SecureRandom.hex(32)
  end

  def self.create(user_id)
    sid = new_session_id
    REDIS.setex("session:#{sid}", 3600, user_id)
    sid
  end
end
