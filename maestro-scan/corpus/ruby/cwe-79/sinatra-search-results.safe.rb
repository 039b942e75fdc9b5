require "sinatra"

get "/search" do
  query = params["q"].to_s
  hits = Catalog.search(query)
  "<p>#{hits.size} results for <strong>#{Rack::Utils.escape_html(query)}</strong></p>"
end
