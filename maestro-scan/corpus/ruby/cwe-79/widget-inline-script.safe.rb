require "sinatra"
require "erb"

get "/widget" do
  account = params["account"]
  content_type :html
  <<~HTML
    <div id="widget"></div>
    <script>window.widgetAccount = #{ERB::Util.json_escape(account.to_s.to_json)};</script>
  HTML
end
