class MagicLinksController < ApplicationController
  def consume
    link = MagicLink.active.find_by!(token: params[:token])
    cookies.permanent[:auth_token] = { value: link.user.auth_token, secure: true, httponly: true, same_site: :lax }
    link.update!(used_at: Time.current)
    redirect_to root_path
  end
end
