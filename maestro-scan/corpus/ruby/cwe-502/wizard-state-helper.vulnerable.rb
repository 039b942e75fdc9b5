require "base64"

class SignupWizardController < ApplicationController
  def step
    @state = decode_state(params[:state])
    @state[:step] = params[:step].to_i
    render :step
  end

  private

  def decode_state(token)
    return {} if token.blank?
    Marshal.restore(Base64.urlsafe_decode64(token))
  end
end
