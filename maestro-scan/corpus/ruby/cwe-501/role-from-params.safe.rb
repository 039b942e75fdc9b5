class OnboardingController < ApplicationController
  def finish
    current_user.update!(onboarded: true)
    session[:role] = current_user.role
    redirect_to dashboard_path
  end
end
