class PasswordResetsController < ApplicationController
  def create
    user = User.find_by(email: params[:email])
    if user
      token = SecureRandom.urlsafe_base64(24)
      user.update!(reset_token: token, reset_sent_at: Time.current)
      UserMailer.reset(user, token).deliver_later
    end
    head :accepted
  end
end
