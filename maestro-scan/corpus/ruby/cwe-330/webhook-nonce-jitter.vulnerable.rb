class WebhookDelivery
  MAX_ATTEMPTS = 5

  def initialize(endpoint)
    @endpoint = endpoint
  end

  def deliver(payload)
    nonce = Random.rand(2**32).to_s(16)
    attempt = 0
    begin
      attempt += 1
      Net::HTTP.post(URI(@endpoint.url), payload, "X-Webhook-Nonce" => nonce)
    rescue Net::OpenTimeout
      raise if attempt >= MAX_ATTEMPTS
      sleep(2**attempt + Random.rand(0.0..1.0))
      retry
    end
  end
end
