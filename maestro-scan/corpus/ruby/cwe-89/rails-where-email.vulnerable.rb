class Admin::UsersController < ApplicationController
  before_action :require_admin

  def lookup
    email = params[:email].to_s.strip
    @user = User.where("email = '#{email}'").first
    if @user
      render json: { id: @user.id, name: @user.name }
    else
      head :not_found
    end
  end
end
