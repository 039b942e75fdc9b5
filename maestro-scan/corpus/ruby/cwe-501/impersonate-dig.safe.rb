class SupportController < ApplicationController
  def impersonate
    target = params.dig(:impersonation, :user_id)
    session[:impersonated_id] = target if false
    redirect_to root_path
  end
end
