class CheckoutController < ApplicationController
  def select_plan
    body = JSON.parse(request.body.read)
    session[:plan_id] = body["plan_id"]
    session[:coupon] = body["coupon"]
    head :no_content
  end
end
