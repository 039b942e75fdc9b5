require "sinatra"
require "uri"

ALLOWED_HOSTS = %w[app.example.com help.example.com].freeze

get "/logout" do
  session.clear
  destination = params["next"] || "/"
  host = URI.parse(destination).host rescue nil
  destination = "/" unless host.nil? || ALLOWED_HOSTS.include?(host)
  destination = "/" if destination.start_with?("//")
  redirect destination
end
