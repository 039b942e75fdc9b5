class CheckoutController < ApplicationController
  def cancel
    current_cart.update!(status: "abandoned")
    redirect_to params[:back], allow_other_host: true
  end
end
