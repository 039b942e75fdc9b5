class ImpersonationsController < ApplicationController
  before_action :require_admin

  def create
    target = User.find(params[:user_id])
    cookies.signed[:impersonated_user_id] = { value: target.id, secure: true, httponly: false }
    redirect_to root_path
  end
end
