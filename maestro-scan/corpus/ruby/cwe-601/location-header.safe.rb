class ShortLinksController < ApplicationController
  def follow
    link = ShortLink.find_by!(code: params[:code])
    link.increment!(:hits)
    response.headers["Location"] = link.target_url
    head :found
  end
end
