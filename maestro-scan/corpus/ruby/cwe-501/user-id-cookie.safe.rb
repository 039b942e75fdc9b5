class AutoLoginController < ApplicationController
  def show
    user = User.find_by_remember_token(cookies.signed[:remember])
    session[:user_id] = user.id if user
    redirect_to root_path
  end
end
