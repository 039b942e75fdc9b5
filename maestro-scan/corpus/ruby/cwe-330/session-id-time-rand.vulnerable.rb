require "digest"

class SessionStore
  def self.new_session_id
    Digest::SHA256.hexdigest("#{Time.now.to_f}-#{rand}-#{Process.pid}")
  end

  def self.create(user_id)
    sid = new_session_id
    REDIS.setex("session:#{sid}", 3600, user_id)
    sid
  end
end
