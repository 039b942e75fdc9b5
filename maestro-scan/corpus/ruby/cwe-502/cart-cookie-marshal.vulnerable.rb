require "base64"

class CartsController < ApplicationController
  def show
    raw = cookies[:cart]
    @items = raw ? Marshal.load(Base64.decode64(raw)) : []
    render :show
  end
end
