class NoticesController < ApplicationController
  def show
    message = params[:msg]
    render plain: message.to_s
  end
end
