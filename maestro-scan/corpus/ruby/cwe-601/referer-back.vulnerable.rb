class LocalesController < ApplicationController
  def update
    cookies[:locale] = params[:locale] if I18n.available_locales.map(&:to_s).include?(params[:locale])
    back = request.referer
    redirect_to back, allow_other_host: true
  end
end
