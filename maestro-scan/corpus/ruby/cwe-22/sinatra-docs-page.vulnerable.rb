require "sinatra"
require "kramdown"

PAGES = %w[install configure upgrade faq].freeze

get "/docs/:page" do
  page = params["page"]
  markdown = File.open(File.join(settings.root, "docs", "#{page}.md"), &:read)
  Kramdown::Document.new(markdown).to_html
end
