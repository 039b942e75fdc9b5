require "sinatra"

get "/diagnostics/ping" do
  host = params["host"]
  output = `ping -c 3 #{host}`
  content_type "text/plain"
  output
end
