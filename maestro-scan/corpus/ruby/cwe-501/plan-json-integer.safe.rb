class CheckoutController < ApplicationController
  def select_plan
    body = JSON.parse(request.body.read)
    session[:plan_id] = Integer(body["plan_id"])
    head :no_content
  end
end
