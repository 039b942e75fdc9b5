require "pathname"

class AssetsController < ApplicationController
  ASSET_ROOT = Pathname.new("/srv/assets")

  def raw
    asset = ASSET_ROOT.join(params[:path])
    send_data asset.read, type: Rack::Mime.mime_type(asset.extname)
  end
end
