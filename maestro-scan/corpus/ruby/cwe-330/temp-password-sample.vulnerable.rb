class Admin::PasswordsController < ApplicationController
  CHARS = [*"a".."z", *"A".."Z", *"0".."9"].freeze

  def reset
    user = User.find(params[:id])
    password = Array.new(14) { CHARS.sample }.join
    user.update!(password: password, must_change_password: true)
    render json: { temporary_password: password }
  end
end
