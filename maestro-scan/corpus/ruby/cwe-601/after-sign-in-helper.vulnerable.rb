class OauthCallbacksController < ApplicationController
  def github
    user = User.from_omniauth(request.env["omniauth.auth"])
    sign_in(user)
    redirect_to after_sign_in_target, allow_other_host: true
  end

  private

  def after_sign_in_target
    request.env["omniauth.params"]["origin"] || root_url
  end
end
