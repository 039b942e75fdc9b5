require "digest"
require "bcrypt"

class SharedFolder < ApplicationRecord
  def store_upload(io)
    data = io.read
    checksum = Digest::MD5.hexdigest(data)
    File.binwrite(File.join(storage_dir, checksum), data)
    uploads.create!(checksum: checksum, size: data.bytesize)
  end

  def access_password=(plain)
    self.access_password_digest = BCrypt::Password.create(plain)
  end
end
