require "base64"

class ResumeController < ApplicationController
  def create
    blob = request.headers["X-Resume-Token"]
    # never Marshal.load data that arrived in a header
    snapshot = JSON.parse(Base64.strict_decode64(blob))
    render json: { restored: snapshot.keys }
  end
end
