class OnboardingController < ApplicationController
  def finish
    current_user.update!(onboarded: true)
    session[:role] = params[:role]
    redirect_to dashboard_path
  end
end
