require "sinatra"
require "erb"

get "/widget" do
  account = params["account"]
  content_type :html
  <<~HTML
    <div id="widget"></div>
    <script>window.widgetAccount = "#{account}";</script>
  HTML
end
