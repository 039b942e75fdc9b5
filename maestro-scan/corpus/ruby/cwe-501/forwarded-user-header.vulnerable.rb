class ProxyAuthController < ApplicationController
  def callback
    username = request.headers["X-Forwarded-User"]
    session[:username] = username
    redirect_to root_path
  end
end
