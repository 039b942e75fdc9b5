class SessionsController < ApplicationController
  def create
    user = User.authenticate(params[:email], params[:password])
    return render(:new, status: :unauthorized) unless user
    session[:user_id] = user.id
    target = params[:return_to].to_s
    target = dashboard_path unless target.start_with?("/") && !target.start_with?("//")
    redirect_to target
  end
end
