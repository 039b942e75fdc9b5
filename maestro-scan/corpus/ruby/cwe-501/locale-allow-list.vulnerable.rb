class LocaleController < ApplicationController
  def update
    locale = params[:locale]
    session[:locale] = locale
    redirect_back fallback_location: root_path
  end
end
