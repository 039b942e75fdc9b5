require "base64"

class CartsController < ApplicationController
  def show
    raw = cookies[:cart]
    @items = raw ? JSON.parse(Base64.decode64(raw)) : []
    render :show
  end
end
