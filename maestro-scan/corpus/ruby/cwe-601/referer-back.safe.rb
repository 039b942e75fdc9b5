class LocalesController < ApplicationController
  def update
    cookies[:locale] = params[:locale] if I18n.available_locales.map(&:to_s).include?(params[:locale])
    redirect_to root_path
  end
end
