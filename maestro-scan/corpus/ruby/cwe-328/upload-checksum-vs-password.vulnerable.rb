require "digest"

class SharedFolder < ApplicationRecord
  def store_upload(io)
    data = io.read
    checksum = Digest::MD5.hexdigest(data)
    File.binwrite(File.join(storage_dir, checksum), data)
    uploads.create!(checksum: checksum, size: data.bytesize)
  end

  def access_password=(plain)
    self.access_password_digest = Digest::MD5.hexdigest(plain)
  end
end
