class PasswordResetsController < ApplicationController
  def create
    user = User.find_by(email: params[:email])
    if user
      token = rand(36**24).to_s(36)
      user.update!(reset_token: token, reset_sent_at: Time.current)
      UserMailer.reset(user, token).deliver_later
    end
    head :accepted
  end
end
