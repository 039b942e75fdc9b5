require "openssl"

module SignedDownloads
  SECRET = ENV.fetch("DOWNLOAD_SECRET")

  def self.url_for(file_id, expires_at)
    sig = OpenSSL::Digest::MD5.hexdigest("#{SECRET}:#{file_id}:#{expires_at.to_i}")
    "/downloads/#{file_id}?expires=#{expires_at.to_i}&sig=#{sig}"
  end
end
