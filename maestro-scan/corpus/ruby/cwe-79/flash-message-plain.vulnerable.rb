class NoticesController < ApplicationController
  def show
    message = params[:msg]
    render html: message.to_s.html_safe
  end
end
