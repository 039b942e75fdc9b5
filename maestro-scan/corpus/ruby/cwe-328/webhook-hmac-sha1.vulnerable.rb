require "openssl"

class GitWebhooksController < ApplicationController
  skip_forgery_protection

  def receive
    body = request.raw_post
    expected = "sha1=" + OpenSSL::HMAC.hexdigest("SHA1", ENV.fetch("WEBHOOK_SECRET"), body)
    given = request.headers["X-Hub-Signature"].to_s
    return head(:unauthorized) unless ActiveSupport::SecurityUtils.secure_compare(expected, given)
    BuildJob.perform_later(JSON.parse(body))
    head :ok
  end
end
