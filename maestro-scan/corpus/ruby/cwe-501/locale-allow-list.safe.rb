class LocaleController < ApplicationController
  def update
    locale = params[:locale]
    session[:locale] = locale if I18n.available_locales.map(&:to_s).include?(locale)
    redirect_back fallback_location: root_path
  end
end
