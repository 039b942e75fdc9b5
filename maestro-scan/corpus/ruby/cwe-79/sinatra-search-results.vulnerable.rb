require "sinatra"

get "/search" do
  query = params["q"].to_s
  hits = Catalog.search(query)
  "<p>#{hits.size} results for <strong>#{query}</strong></p>"
end
