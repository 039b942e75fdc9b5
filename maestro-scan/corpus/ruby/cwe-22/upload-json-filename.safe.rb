require "base64"

class AvatarsController < ApplicationController
  AVATAR_DIR = "/srv/app/public/avatars"

  def create
    body = JSON.parse(request.body.read)
    target = File.join(AVATAR_DIR, "#{current_user.id}-#{SecureRandom.uuid}.png")
    File.binwrite(target, Base64.decode64(body["data"]))
    render json: { url: "/avatars/#{File.basename(target)}" }, status: :created
  end
end
