require "sinatra"
require "uri"

ALLOWED_HOSTS = %w[app.example.com help.example.com].freeze

get "/logout" do
  session.clear
  destination = params["next"] || "/"
  redirect destination
end
