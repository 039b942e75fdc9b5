require "pathname"

class AssetsController < ApplicationController
  ASSET_ROOT = Pathname.new("/srv/assets")

  def raw
    asset = ASSET_ROOT.join(params[:path]).cleanpath
    return head(:forbidden) unless asset.to_s.start_with?("#{ASSET_ROOT}/")
    send_data asset.read, type: Rack::Mime.mime_type(asset.extname)
  end
end
