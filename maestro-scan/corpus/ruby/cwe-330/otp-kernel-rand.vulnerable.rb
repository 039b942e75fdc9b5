class OtpController < ApplicationController
  def send_code
    code = Kernel.rand(100_000..999_999).to_s
    current_user.update!(otp_code: code, otp_expires_at: 5.minutes.from_now)
    SmsGateway.deliver(current_user.phone, "Your login code is #{code}")
    head :no_content
  end
end
