class PreferencesController < ApplicationController
  def update
    prefs = { plan: current_user.plan, billing_id: current_user.billing_id }
    cookies.encrypted[:billing] = { value: prefs.to_json, secure: true, httponly: true, expires: 30.days }
    head :no_content
  end
end
