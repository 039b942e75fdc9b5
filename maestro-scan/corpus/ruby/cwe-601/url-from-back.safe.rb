class CheckoutController < ApplicationController
  def cancel
    current_cart.update!(status: "abandoned")
    redirect_to url_from(params[:back]) || cart_path
  end
end
