require "sinatra"
require "nokogiri"

post "/feeds" do
  body = request.body.read
  doc = Nokogiri::XML(body, nil, nil, Nokogiri::XML::ParseOptions::DEFAULT_XML)
  titles = doc.xpath("//item/title").map(&:text)
  content_type :json
  titles.to_json
end
