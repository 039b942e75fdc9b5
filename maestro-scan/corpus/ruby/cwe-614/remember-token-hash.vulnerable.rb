class SessionsController < ApplicationController
  def create
    user = User.authenticate(params[:email], params[:password])
    return head(:unauthorized) unless user
    token = user.generate_remember_token!
    cookies[:remember_token] = { value: token, expires: 1.year.from_now }
    redirect_to dashboard_path
  end
end
