require "sinatra"
require "shellwords"

get "/diagnostics/ping" do
  host = params["host"]
  output = `ping -c 3 #{Shellwords.escape(host)}`
  content_type "text/plain"
  output
end
