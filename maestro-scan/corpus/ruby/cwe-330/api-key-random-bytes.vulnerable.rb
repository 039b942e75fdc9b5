require "securerandom"

class ApiKeysController < ApplicationController
  def create
    prng = Random.new
    secret = prng.bytes(32).unpack1("H*")
    key = current_user.api_keys.create!(label: params[:label], secret_digest: Digest::SHA256.hexdigest(secret))
    render json: { id: key.id, secret: secret }, status: :created
  end
end
