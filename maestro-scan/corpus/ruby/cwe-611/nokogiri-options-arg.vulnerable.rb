require "sinatra"
require "nokogiri"

post "/feeds" do
  body = request.body.read
  doc = Nokogiri::XML(body, nil, nil, Nokogiri::XML::ParseOptions::NOENT)
  titles = doc.xpath("//item/title").map(&:text)
  content_type :json
  titles.to_json
end
