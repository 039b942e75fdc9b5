class AutoLoginController < ApplicationController
  def show
    uid = cookies[:uid]
    session[:user_id] = uid
    redirect_to root_path
  end
end
