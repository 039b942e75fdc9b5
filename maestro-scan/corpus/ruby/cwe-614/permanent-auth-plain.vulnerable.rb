class MagicLinksController < ApplicationController
  def consume
    link = MagicLink.active.find_by!(token: params[:token])
    cookies.permanent[:auth_token] = link.user.auth_token
    link.update!(used_at: Time.current)
    redirect_to root_path
  end
end
